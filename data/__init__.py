"""The bundled datasets, shipped with the package so ``supplygraph demo`` works anywhere."""

from pathlib import Path

BUNDLED = Path(__file__).parent / "rare-earths"
"""The rare-earth dataset: YAML and CSV files in the curated format."""

SAMPLES = Path(__file__).parent / "samples"
"""Small sample articles written for this project, loaded as documents by ``supplygraph demo``."""
