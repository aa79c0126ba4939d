//! Background work: inbound messages, the outbox sender, media downloads.

pub mod actions;
mod identity;
pub mod inbound;
pub mod media;
pub mod recorder;
pub mod sender;
