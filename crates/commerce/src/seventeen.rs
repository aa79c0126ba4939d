//! placeholder
pub struct SeventeenTrack;
impl SeventeenTrack { pub fn new(_c: &crate::config::SeventeenTrackConfig, _h: reqwest::Client) -> Result<Self, crate::CommerceError> { Err(crate::CommerceError::Unsupported("x".into())) } }
