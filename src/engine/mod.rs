//! engine: (being written)
