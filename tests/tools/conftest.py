"""conftest.py — make tools/, boot/ and eval/common/ importable for the host tool tests."""
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
for folder in ("tools", "boot", "eval/common"):
    sys.path.insert(0, str(REPO / folder))
