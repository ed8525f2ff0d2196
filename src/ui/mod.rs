//! ui: (being written)
