//! placeholder
pub struct WooCommerceShop;
impl WooCommerceShop { pub fn new(_c: &crate::config::WooCommerceConfig, _h: reqwest::Client) -> Result<Self, crate::CommerceError> { Err(crate::CommerceError::Unsupported("x".into())) } }
