//! Background work: inbound messages, the outbox sender, media downloads.

pub mod inbound;
pub mod media;
pub mod sender;
