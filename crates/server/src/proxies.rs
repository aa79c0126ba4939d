//! Reverse proxies the desk trusts, and the client address they report in `X-Forwarded-For`.
//!
//! Anyone can send an `X-Forwarded-For` header, so it says who the client is only when the connection
//! comes from a proxy the operator named: then each trusted hop appended the address it saw, and the
//! right-most address that is not itself a trusted proxy is the client. Everything left of it was written
//! by the client and proves nothing.

use std::{
    fmt,
    net::{IpAddr, SocketAddr},
};

use ipnet::IpNet;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The addresses and networks of the reverse proxies in front of the desk; none by default.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Reads addresses (`127.0.0.1`, `::1`) and networks (`10.0.0.0/8`), one per item.
    pub fn parse<'a>(items: impl IntoIterator<Item = &'a str>) -> Result<Self, String> {
        items
            .into_iter()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<IpNet>()
                    .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("'{s}' is not an IP address or a network like 10.0.0.0/8"))
            })
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }

    /// True when `ip` is one of the trusted proxies.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address: the peer itself unless it is a trusted proxy; then the right-most address
    /// of `forwarded_for` (the header's values in the order received) that is not a trusted proxy. An
    /// entry that is not an address ends the walk at the last trusted hop, so garbage cannot pick a bucket.
    pub fn client_address<'a>(
        &self,
        peer: IpAddr,
        forwarded_for: impl IntoIterator<Item = &'a str>,
    ) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.contains(client) {
            return client;
        }
        let hops: Vec<&str> = forwarded_for
            .into_iter()
            .flat_map(|v| v.split(','))
            .collect();
        for hop in hops.into_iter().rev() {
            let Some(ip) = read_hop(hop) else {
                break;
            };
            client = ip;
            if !self.contains(ip) {
                break;
            }
        }
        client
    }
}

/// One `X-Forwarded-For` entry: an address, possibly with a port (`203.0.113.7:4711`, `[2001:db8::1]:80`).
fn read_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>()
        .or_else(|_| hop.parse::<SocketAddr>().map(|s| s.ip()))
        .ok()
        .map(|ip| ip.to_canonical())
}

impl fmt::Debug for TrustedProxies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(ToString::to_string))
            .finish()
    }
}

impl Serialize for TrustedProxies {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(ToString::to_string))
    }
}

impl<'de> Deserialize<'de> for TrustedProxies {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let items = Vec::<String>::deserialize(d)?;
        TrustedProxies::parse(items.iter().map(String::as_str)).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn trusted(items: &[&str]) -> TrustedProxies {
        TrustedProxies::parse(items.iter().copied()).unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let none = TrustedProxies::default();
        assert_eq!(
            none.client_address(ip("127.0.0.1"), ["198.51.100.1"]),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn a_peer_that_is_not_a_trusted_proxy_is_the_client() {
        let t = trusted(&["127.0.0.1"]);
        assert_eq!(
            t.client_address(ip("203.0.113.9"), ["198.51.100.1"]),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_right_most_untrusted_address_is_the_client() {
        let t = trusted(&["127.0.0.1", "10.0.0.0/8"]);
        // The client wrote 192.0.2.1 itself; the outer proxy saw 203.0.113.7; an inner one saw 10.1.2.3.
        let header = ["192.0.2.1, 203.0.113.7", "10.1.2.3"];
        assert_eq!(t.client_address(ip("127.0.0.1"), header), ip("203.0.113.7"));
    }

    #[test]
    fn a_trusted_proxy_without_a_header_is_the_client() {
        let t = trusted(&["127.0.0.1"]);
        assert_eq!(
            t.client_address(ip("127.0.0.1"), std::iter::empty()),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn garbage_in_the_header_stops_at_the_last_trusted_hop() {
        let t = trusted(&["127.0.0.1", "10.0.0.0/8"]);
        assert_eq!(
            t.client_address(ip("127.0.0.1"), ["203.0.113.7, nonsense, 10.0.0.5"]),
            ip("10.0.0.5")
        );
        assert_eq!(
            t.client_address(ip("127.0.0.1"), ["203.0.113.7:4711"]),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn ipv4_mapped_peers_match_ipv4_proxies() {
        let t = trusted(&["127.0.0.1"]);
        assert_eq!(
            t.client_address(ip("::ffff:127.0.0.1"), ["198.51.100.1"]),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn settings_read_addresses_and_networks_and_refuse_the_rest() {
        let t: TrustedProxies = toml::from_str::<toml::Table>("p = [\"127.0.0.1\", \"fd00::/8\"]")
            .unwrap()["p"]
            .clone()
            .try_into()
            .unwrap();
        assert!(t.contains(ip("127.0.0.1")) && t.contains(ip("fd00::1")));
        assert!(!t.contains(ip("127.0.0.2")));
        assert!(TrustedProxies::parse(["localhost"]).is_err());
    }
}
