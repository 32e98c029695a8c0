"""How many entries the per-process caches keep.

Caches keyed by a word form or a sentence make repeated work cheap: most tokens of any text
are a few thousand frequent words. Text of open vocabulary (a large crawl, names, typos, other
languages) would grow them without end, so every such cache is bounded by one of these
numbers; the frequent words, which make up most tokens, stay cached. The bounds were chosen
on a corpus of open vocabulary (``bench/open_vocabulary.py``, sentences drawn from 290,000
English words), the worst case for these caches: twice these bounds gave a peak of 746 MB
there, these 640 MB, with no measurable loss of speed on real MT output (bench/README.md).
"""

from __future__ import annotations

#: least-recently-used caches keyed by one word form (a few hundred bytes an entry)
WORDS = 16_384
#: caches keyed by a sentence or clause (longer keys)
SENTENCES = 16_384
#: tables that fill until full and are then cleared or left as they are (about 100 bytes an
#: entry): forms known safe, per-word figures
WORD_TABLES = 50_000
