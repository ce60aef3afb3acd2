//! The fleet: sites of access points that `GET /network-monitoring/v1/aps` lists and that
//! a fleet view pings all at once. Deterministic and pure: every AP, its loss and its RTTs
//! follow from its site and number, nothing is stored.
//!
//! | site | siteId | APs | what a ping shows |
//! | --- | --- | --- | --- |
//! | `HQ` | `24833497` | `hq-ap-01`…`hq-ap-40`, `HQ00000001`…`HQ00000040` | no loss, but `hq-ap-07` and `hq-ap-23` lose 60% (a lossy uplink) |
//! | `WAREHOUSE` | `24833498` | `wh-ap-01`…`wh-ap-12`, `WH00000001`…`WH00000012` | every AP loses 40–80% (the path beyond the site); `wh-ap-12` is OFFLINE (409) |
//! | `CAMPUS` | `24833499` | `campus-ap-0001`…`campus-ap-1001`, `CP00000001`…`CP00001001` | no loss; `limit=1000` takes two pages |
//! | `LOCKED` | `24833500` | none | a list whose filter names it answers 403 |
//! | `DEMO` | `24833496` | the demo devices `CNF7G9X001`…`CNF7G9X015` | each its own scenario (`crate::scenario`) |
//!
//! - [`filter`]: the `filter` parameter (tokenizer, parser, matching);
//! - [`list`]: the other parameters, sorting and paging, the answer's JSON.

pub mod filter;
pub mod list;

use crate::scenario::{self, LossPlan, Scenario};
use serde_json::{json, Value};

/// Which APs a site has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Members {
    /// `count` APs numbered from 1: serial `{serial_prefix}{n:08}`, name
    /// `{name_prefix}{n:0digits$}`.
    Numbered {
        serial_prefix: &'static str,
        name_prefix: &'static str,
        digits: usize,
        count: u32,
    },
    /// The demo devices of [`scenario::DEVICES`].
    Demo,
    /// None that the caller may see: its list answers 403.
    Locked,
}

/// A site.
#[derive(Debug, PartialEq, Eq)]
pub struct Site {
    /// `siteId`.
    pub id: &'static str,
    /// `siteName`.
    pub name: &'static str,
    /// What a fleet test of it shows, for the demo's site picker.
    pub description: &'static str,
    members: Members,
}

impl Site {
    /// How many APs it lists.
    pub fn ap_count(&self) -> u32 {
        match self.members {
            Members::Numbered { count, .. } => count,
            Members::Demo => scenario::DEVICES.len() as u32,
            Members::Locked => 0,
        }
    }

    /// Whether a list that names it answers 403.
    pub fn is_locked(&self) -> bool {
        self.members == Members::Locked
    }

    /// Its APs in number order.
    pub fn aps(&'static self) -> impl Iterator<Item = Ap> {
        (1..=self.ap_count()).filter_map(move |n| self.ap(n))
    }

    /// Its AP number `n` (from 1).
    fn ap(&'static self, n: u32) -> Option<Ap> {
        if n == 0 || n > self.ap_count() {
            return None;
        }
        let site_octet = SITES.iter().position(|s| s == self).unwrap_or(0) as u32 + 1;
        let (serial, device_name, model, scenario) = match self.members {
            Members::Numbered {
                serial_prefix,
                name_prefix,
                digits,
                ..
            } => (
                format!("{serial_prefix}{n:08}"),
                format!("{name_prefix}{n:0digits$}"),
                model_of(self, n),
                numbered_scenario(self, n),
            ),
            Members::Demo => {
                let device = &scenario::DEVICES[n as usize - 1];
                let name = device.name.split(' ').next().unwrap_or(device.name);
                (
                    device.serial.to_owned(),
                    name.to_owned(),
                    "AP-515",
                    device.scenario,
                )
            }
            Members::Locked => return None,
        };
        Some(Ap {
            mac_address: format!(
                "20:4c:03:{site_octet:02x}:{:02x}:{:02x}",
                (n >> 8) & 0xff,
                n & 0xff
            ),
            ipv4: format!("10.{site_octet}.{}.{}", 20 + n / 250, 1 + n % 250),
            online: scenario != Scenario::Offline,
            serial,
            device_name,
            site: self,
            model,
            scenario,
        })
    }
}

/// `HQ`: 40 APs, two with a lossy uplink.
pub const HQ: Site = Site {
    id: "24833497",
    name: "HQ",
    description: "two APs (hq-ap-07, hq-ap-23) with a lossy uplink: 60% loss; the others none",
    members: Members::Numbered {
        serial_prefix: "HQ",
        name_prefix: "hq-ap-",
        digits: 2,
        count: 40,
    },
};

/// `WAREHOUSE`: 12 APs, all losing to the outside, one offline.
pub const WAREHOUSE: Site = Site {
    id: "24833498",
    name: "WAREHOUSE",
    description: "every AP loses 40-80% to the outside; wh-ap-12 is offline (409)",
    members: Members::Numbered {
        serial_prefix: "WH",
        name_prefix: "wh-ap-",
        digits: 2,
        count: 12,
    },
};

/// `CAMPUS`: 1,001 APs, no loss: `limit=1000` takes two pages.
pub const CAMPUS: Site = Site {
    id: "24833499",
    name: "CAMPUS",
    description: "no loss; limit=1000 takes two pages",
    members: Members::Numbered {
        serial_prefix: "CP",
        name_prefix: "campus-ap-",
        digits: 4,
        count: 1001,
    },
};

/// `LOCKED`: its list answers 403.
pub const LOCKED: Site = Site {
    id: "24833500",
    name: "LOCKED",
    description: "no access: its AP list answers 403",
    members: Members::Locked,
};

/// `DEMO`: the demo devices, each with its own scenario.
pub const DEMO: Site = Site {
    id: "24833496",
    name: "DEMO",
    description: "the demo devices, each with its own scenario (offline, 403, 500s, hanging…)",
    members: Members::Demo,
};

/// Every site, in the order `/__mock/sites` lists them.
pub const SITES: &[Site] = &[HQ, WAREHOUSE, CAMPUS, LOCKED, DEMO];

/// The site with this `siteId`.
pub fn site_by_id(id: &str) -> Option<&'static Site> {
    SITES.iter().find(|s| s.id == id)
}

/// The site with this `siteName` (exactly).
pub fn site_by_name(name: &str) -> Option<&'static Site> {
    SITES.iter().find(|s| s.name == name)
}

/// Loss of each WAREHOUSE AP, in percent: all between 40 and 80, none the same twice in a row.
const WAREHOUSE_LOSS: [u8; 12] = [40, 55, 70, 80, 45, 60, 75, 50, 65, 80, 40, 70];

/// The HQ APs with a lossy uplink.
pub const HQ_LOSSY: [u32; 2] = [7, 23];

/// Loss of a lossy HQ AP, in percent.
pub const HQ_LOSS_PERCENT: u8 = 60;

fn numbered_scenario(site: &Site, n: u32) -> Scenario {
    // RTTs differ a little per AP: a base of 8 to 30 ms.
    let base_rtt_ms = (8 + (n * 7 + site.id.len() as u32) % 23) as u8;
    let loss_percent = match site.name {
        "HQ" if HQ_LOSSY.contains(&n) => HQ_LOSS_PERCENT,
        "WAREHOUSE" if n == 12 => return Scenario::Offline,
        "WAREHOUSE" => WAREHOUSE_LOSS[(n as usize - 1) % WAREHOUSE_LOSS.len()],
        _ => 0,
    };
    Scenario::Planned(LossPlan {
        loss_percent,
        base_rtt_ms,
    })
}

fn model_of(site: &Site, n: u32) -> &'static str {
    let models: &[&'static str] = match site.name {
        "HQ" => &["AP-515", "AP-635"],
        "WAREHOUSE" => &["AP-575", "AP-505"],
        _ => &["AP-515", "AP-535", "AP-635", "AP-655"],
    };
    models[(n as usize - 1) % models.len()]
}

/// One access point as the list shows it, and what a ping on it does.
#[derive(Debug, Clone, PartialEq)]
pub struct Ap {
    pub serial: String,
    pub device_name: String,
    pub mac_address: String,
    pub site: &'static Site,
    pub online: bool,
    pub model: &'static str,
    pub ipv4: String,
    /// What a ping started on it does.
    pub scenario: Scenario,
}

/// Every AP's firmware.
pub const FIRMWARE_VERSION: &str = "10.6.0.2_90581";
/// Every AP's deployment.
pub const DEPLOYMENT: &str = "Standalone";

impl Ap {
    /// `ONLINE` or `OFFLINE`.
    pub fn status(&self) -> &'static str {
        if self.online {
            "ONLINE"
        } else {
            "OFFLINE"
        }
    }

    /// Its value of a filter's (or a sort's) field; `None` for a field it does not have.
    pub fn field(&self, field: filter::Field) -> Option<&str> {
        use filter::Field;
        Some(match field {
            Field::SiteId => self.site.id,
            Field::SiteName => self.site.name,
            Field::SerialNumber => &self.serial,
            Field::DeviceName => &self.device_name,
            Field::Status => self.status(),
            Field::Model => self.model,
            Field::FirmwareVersion => FIRMWARE_VERSION,
            Field::Deployment => DEPLOYMENT,
            Field::ClusterId | Field::ClusterName => return None,
        })
    }

    /// The item as the API lists it.
    pub fn to_json(&self) -> Value {
        json!({
            "serialNumber": self.serial,
            "macAddress": self.mac_address,
            "deviceName": self.device_name,
            "siteId": self.site.id,
            "siteName": self.site.name,
            "id": self.serial,
            "type": "ACCESS_POINT",
            "status": self.status(),
            "model": self.model,
            "ipv4": self.ipv4,
            "firmwareVersion": FIRMWARE_VERSION,
            "deployment": DEPLOYMENT,
        })
    }
}

/// Every AP the caller may see, site by site.
pub fn all_aps() -> impl Iterator<Item = Ap> {
    SITES.iter().flat_map(Site::aps)
}

/// The AP with this serial, in any site (the demo devices included).
pub fn ap_by_serial(serial: &str) -> Option<Ap> {
    if let Some(n) = scenario::DEVICES.iter().position(|d| d.serial == serial) {
        return DEMO_SITE.ap(n as u32 + 1);
    }
    SITES.iter().find_map(|site| match site.members {
        Members::Numbered { serial_prefix, .. } => {
            let digits = serial.strip_prefix(serial_prefix)?;
            if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            site.ap(digits.parse().ok()?)
        }
        _ => None,
    })
}

const DEMO_SITE: &Site = &DEMO;

/// What a ping on a fleet AP (not a demo device) does, if `serial` is one.
pub fn scenario_of(serial: &str) -> Option<Scenario> {
    ap_by_serial(serial).map(|ap| ap.scenario)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(name: &str) -> &'static Site {
        site_by_name(name).unwrap()
    }

    fn loss(ap: &Ap) -> u8 {
        match ap.scenario {
            Scenario::Planned(plan) => plan.loss_percent,
            other => panic!("{}: {other:?}", ap.serial),
        }
    }

    #[test]
    fn the_sites_have_their_ids_names_and_counts() {
        let facts: Vec<(&str, &str, u32)> =
            SITES.iter().map(|s| (s.id, s.name, s.ap_count())).collect();
        assert_eq!(
            facts,
            [
                ("24833497", "HQ", 40),
                ("24833498", "WAREHOUSE", 12),
                ("24833499", "CAMPUS", 1001),
                ("24833500", "LOCKED", 0),
                ("24833496", "DEMO", 15),
            ]
        );
        assert_eq!(DEMO_SITE.name, "DEMO");
        assert!(site("LOCKED").is_locked() && !site("HQ").is_locked());
        assert_eq!(site_by_id("24833499"), Some(site("CAMPUS")));
        assert_eq!(all_aps().count(), 40 + 12 + 1001 + 15);
    }

    #[test]
    fn names_and_serials_follow_the_numbering() {
        let hq: Vec<Ap> = site("HQ").aps().collect();
        assert_eq!(hq[0].device_name, "hq-ap-01");
        assert_eq!(hq[0].serial, "HQ00000001");
        assert_eq!(hq[39].device_name, "hq-ap-40");
        assert_eq!(hq[39].serial, "HQ00000040");
        assert_eq!((hq[0].model, hq[1].model), ("AP-515", "AP-635"));
        let campus: Vec<Ap> = site("CAMPUS").aps().collect();
        assert_eq!(campus[0].device_name, "campus-ap-0001");
        assert_eq!(campus[1000].device_name, "campus-ap-1001");
        assert_eq!(campus[1000].serial, "CP00001001");
        let wh: Vec<Ap> = site("WAREHOUSE").aps().collect();
        assert_eq!(wh[11].device_name, "wh-ap-12");
        assert_eq!(wh[11].serial, "WH00000012");
        let demo: Vec<Ap> = site("DEMO").aps().collect();
        assert_eq!(demo[0].serial, "CNF7G9X001");
        assert_eq!(demo[0].device_name, "lobby-ap-01");
    }

    #[test]
    fn serials_are_what_central_proxy_forwards_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for ap in all_aps() {
            assert!(
                (1..=32).contains(&ap.serial.len())
                    && ap.serial.bytes().all(|b| b.is_ascii_alphanumeric()),
                "{}",
                ap.serial
            );
            assert!(seen.insert(ap.serial.clone()), "{} twice", ap.serial);
            assert_eq!(ap_by_serial(&ap.serial).as_ref(), Some(&ap));
        }
        for unknown in [
            "HQ00000000",
            "HQ00000041",
            "HQ0000001",
            "HQ000000001",
            "hq00000001",
            "CP00001002",
            "HQ0000000a",
            "XX00000001",
            "",
        ] {
            assert_eq!(ap_by_serial(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn hq_loses_only_on_its_two_lossy_aps() {
        for ap in site("HQ").aps() {
            assert!(ap.online);
            let lossy = ["hq-ap-07", "hq-ap-23"].contains(&ap.device_name.as_str());
            assert_eq!(loss(&ap), if lossy { 60 } else { 0 }, "{}", ap.device_name);
        }
    }

    #[test]
    fn the_warehouse_loses_everywhere_and_one_ap_is_offline() {
        for ap in site("WAREHOUSE").aps() {
            if ap.device_name == "wh-ap-12" {
                assert!(!ap.online);
                assert_eq!(ap.status(), "OFFLINE");
                assert_eq!(ap.scenario, Scenario::Offline);
            } else {
                assert!(ap.online);
                assert!((40..=80).contains(&loss(&ap)), "{}", ap.device_name);
            }
        }
        let distinct: std::collections::HashSet<u8> = site("WAREHOUSE")
            .aps()
            .filter(|a| a.online)
            .map(|a| loss(&a))
            .collect();
        assert!(distinct.len() > 5, "the loss varies per AP: {distinct:?}");
    }

    #[test]
    fn rtts_differ_per_ap_within_8_to_30_ms() {
        let bases: std::collections::HashSet<u8> = site("HQ")
            .aps()
            .map(|ap| match ap.scenario {
                Scenario::Planned(plan) => plan.base_rtt_ms,
                _ => unreachable!(),
            })
            .collect();
        assert!(bases.len() > 10, "{bases:?}");
        assert!(bases.iter().all(|b| (8..=30).contains(b)), "{bases:?}");
    }

    #[test]
    fn demo_devices_keep_their_scenarios_and_the_offline_one_is_listed_offline() {
        for (ap, device) in site("DEMO").aps().zip(scenario::DEVICES) {
            assert_eq!(ap.serial, device.serial);
            assert_eq!(ap.scenario, device.scenario);
            assert_eq!(ap.online, device.scenario != Scenario::Offline);
        }
    }

    #[test]
    fn an_item_has_every_field_the_description_lists() {
        let ap = site("HQ").aps().nth(6).unwrap();
        assert_eq!(
            ap.to_json(),
            json!({
                "serialNumber": "HQ00000007", "macAddress": "20:4c:03:01:00:07",
                "deviceName": "hq-ap-07", "siteId": "24833497", "siteName": "HQ",
                "id": "HQ00000007", "type": "ACCESS_POINT", "status": "ONLINE",
                "model": "AP-515", "ipv4": "10.1.20.8",
                "firmwareVersion": "10.6.0.2_90581", "deployment": "Standalone",
            })
        );
    }
}
