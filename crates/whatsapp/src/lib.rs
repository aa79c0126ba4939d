//! WhatsApp Cloud API: what Lifeline receives and sends, and the rules Meta enforces.
#![forbid(unsafe_code)]
