//! calendar: (being written)
