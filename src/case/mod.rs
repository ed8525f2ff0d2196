//! case: (being written)
