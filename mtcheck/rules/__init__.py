"""The rules: one module a family, each rule a function registered in ``registry``."""
