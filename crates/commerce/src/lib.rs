//! Orders and parcels: shops and carrier trackers behind one normalized model.
#![forbid(unsafe_code)]
