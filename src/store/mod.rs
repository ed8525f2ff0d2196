//! store: (being written)
