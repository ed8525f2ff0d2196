//! bundle: (being written)
