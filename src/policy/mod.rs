//! policy: (being written)
