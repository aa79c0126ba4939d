//! The sandbox: a Cloud API simulator that behaves as Meta does, and a phone page to chat as a shopper.
#![forbid(unsafe_code)]
