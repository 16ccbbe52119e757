import sys
from pathlib import Path

# the extractor is pure: tests run without Django (``-p no:django``) straight from src/
SRC = Path(__file__).resolve().parents[2] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))
