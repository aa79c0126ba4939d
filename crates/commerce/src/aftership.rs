//! placeholder
pub const DEFAULT_API_VERSION: &str = "2025-01";
pub struct AfterShip;
impl AfterShip { pub fn new(_c: &crate::config::AfterShipConfig, _h: reqwest::Client) -> Result<Self, crate::CommerceError> { Err(crate::CommerceError::Unsupported("x".into())) } }
