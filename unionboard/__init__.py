"""unionboard: the engine of the union-formation dashboard (no Streamlit here; see README "Layout" and docs/architecture.md)."""
import pyarrow as _pa

# Arrow's default allocator (mimalloc) keeps what a roster piece used and grows a long import by the
# size of each piece; the system allocator hands it back (bench, city roster: peak 842 → 701 MB).
_pa.set_memory_pool(_pa.system_memory_pool())
