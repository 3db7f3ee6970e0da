//! Genesys Cloud's regions: where an organization's data lives, and so which hosts serve it.

use std::fmt;

use crate::runtime::Error;

/// A Genesys Cloud region: where an organization's data lives, and so which hosts serve it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Region {
    /// `us-east-1` (Americas, US East): `api.mypurecloud.com`. The default.
    #[default]
    UsEast1,
    /// `eu-west-1` (EMEA, Dublin): `api.mypurecloud.ie`.
    EuWest1,
    /// `ap-southeast-2` (Asia Pacific, Sydney): `api.mypurecloud.com.au`.
    ApSoutheast2,
    /// `ap-northeast-1` (Asia Pacific, Tokyo): `api.mypurecloud.jp`.
    ApNortheast1,
    /// `eu-central-1` (EMEA, Frankfurt): `api.mypurecloud.de`.
    EuCentral1,
    /// `us-west-2` (Americas, US West): `api.usw2.pure.cloud`.
    UsWest2,
    /// `ca-central-1` (Americas, Canada): `api.cac1.pure.cloud`.
    CaCentral1,
    /// `ap-northeast-2` (Asia Pacific, Seoul): `api.apne2.pure.cloud`.
    ApNortheast2,
    /// `eu-west-2` (EMEA, London): `api.euw2.pure.cloud`.
    EuWest2,
    /// `ap-south-1` (Asia Pacific, Mumbai): `api.aps1.pure.cloud`.
    ApSouth1,
    /// `us-east-2` (Americas, US East, FedRAMP / US government): `api.use2.us-gov-pure.cloud`.
    UsEast2,
    /// `sa-east-1` (Americas, São Paulo): `api.sae1.pure.cloud`.
    SaEast1,
    /// `me-central-1` (EMEA, UAE): `api.mec1.pure.cloud`.
    MeCentral1,
    /// `ap-northeast-3` (Asia Pacific, Osaka): `api.apne3.pure.cloud`.
    ApNortheast3,
    /// `eu-central-2` (EMEA, Zurich): `api.euc2.pure.cloud`.
    EuCentral2,
    /// `mx-central-1` (Americas, Mexico): `api.mxc1.pure.cloud`.
    MxCentral1,
    /// `ap-southeast-1` (Asia Pacific, Jakarta): `api.apse1.pure.cloud`.
    ApSoutheast1,
    /// `eusc-de-east-1` (EU sovereign cloud, Germany): `api.edee1.eusc-pure.cloud`.
    EuscDeEast1,
}

impl Region {
    /// Every region, in the order Genesys lists them.
    pub const ALL: [Region; 18] = [
        Region::UsEast1,
        Region::EuWest1,
        Region::ApSoutheast2,
        Region::ApNortheast1,
        Region::EuCentral1,
        Region::UsWest2,
        Region::CaCentral1,
        Region::ApNortheast2,
        Region::EuWest2,
        Region::ApSouth1,
        Region::UsEast2,
        Region::SaEast1,
        Region::MeCentral1,
        Region::ApNortheast3,
        Region::EuCentral2,
        Region::MxCentral1,
        Region::ApSoutheast1,
        Region::EuscDeEast1,
    ];

    /// The region's name, e.g. `us-east-1`.
    pub const fn name(self) -> &'static str {
        self.hosts().0
    }

    /// The API host, e.g. `api.mypurecloud.com`.
    pub const fn api_host(self) -> &'static str {
        self.hosts().1
    }

    /// The login (OAuth) host: the API host with `api.` replaced by `login.`.
    pub const fn login_host(self) -> &'static str {
        self.hosts().2
    }

    /// `https://` + [`api_host`](Self::api_host).
    pub fn api_base_url(self) -> String {
        format!("https://{}", self.api_host())
    }

    /// `https://` + [`login_host`](Self::login_host).
    pub fn login_base_url(self) -> String {
        format!("https://{}", self.login_host())
    }

    const fn hosts(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Region::UsEast1 => ("us-east-1", "api.mypurecloud.com", "login.mypurecloud.com"),
            Region::EuWest1 => ("eu-west-1", "api.mypurecloud.ie", "login.mypurecloud.ie"),
            Region::ApSoutheast2 => (
                "ap-southeast-2",
                "api.mypurecloud.com.au",
                "login.mypurecloud.com.au",
            ),
            Region::ApNortheast1 => (
                "ap-northeast-1",
                "api.mypurecloud.jp",
                "login.mypurecloud.jp",
            ),
            Region::EuCentral1 => ("eu-central-1", "api.mypurecloud.de", "login.mypurecloud.de"),
            Region::UsWest2 => ("us-west-2", "api.usw2.pure.cloud", "login.usw2.pure.cloud"),
            Region::CaCentral1 => (
                "ca-central-1",
                "api.cac1.pure.cloud",
                "login.cac1.pure.cloud",
            ),
            Region::ApNortheast2 => (
                "ap-northeast-2",
                "api.apne2.pure.cloud",
                "login.apne2.pure.cloud",
            ),
            Region::EuWest2 => ("eu-west-2", "api.euw2.pure.cloud", "login.euw2.pure.cloud"),
            Region::ApSouth1 => ("ap-south-1", "api.aps1.pure.cloud", "login.aps1.pure.cloud"),
            Region::UsEast2 => (
                "us-east-2",
                "api.use2.us-gov-pure.cloud",
                "login.use2.us-gov-pure.cloud",
            ),
            Region::SaEast1 => ("sa-east-1", "api.sae1.pure.cloud", "login.sae1.pure.cloud"),
            Region::MeCentral1 => (
                "me-central-1",
                "api.mec1.pure.cloud",
                "login.mec1.pure.cloud",
            ),
            Region::ApNortheast3 => (
                "ap-northeast-3",
                "api.apne3.pure.cloud",
                "login.apne3.pure.cloud",
            ),
            Region::EuCentral2 => (
                "eu-central-2",
                "api.euc2.pure.cloud",
                "login.euc2.pure.cloud",
            ),
            Region::MxCentral1 => (
                "mx-central-1",
                "api.mxc1.pure.cloud",
                "login.mxc1.pure.cloud",
            ),
            Region::ApSoutheast1 => (
                "ap-southeast-1",
                "api.apse1.pure.cloud",
                "login.apse1.pure.cloud",
            ),
            Region::EuscDeEast1 => (
                "eusc-de-east-1",
                "api.edee1.eusc-pure.cloud",
                "login.edee1.eusc-pure.cloud",
            ),
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Region {
    type Err = Error;

    /// Parses a region name such as `eu-west-1`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Region::ALL
            .into_iter()
            .find(|r| r.name() == s)
            .ok_or_else(|| Error::InvalidRequest(format!("unknown Genesys Cloud region `{s}`")))
    }
}
