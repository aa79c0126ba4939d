//! The simulator over real HTTP: a sandbox on 127.0.0.1:0 and a webhook receiver that verifies signatures.

mod addressing;
mod desks;
mod media;
mod number;
mod phone;
mod sending;
mod webhooks;
mod world;
