//! Parameters on the wire: the exact request target (path and query) and headers a loopback
//! server reads, for every style, built with the plumbing generated operations call.

mod support;

use std::collections::BTreeMap;

use sdk_runtime::runtime::params::{AsParam, Object, Style};
use sdk_runtime::runtime::{Method, Request};
use sdk_runtime::{Client, Error, RetryPolicy};
use support::{Reply, Server};

async fn server() -> Server {
    Server::start(|_| Reply::new(204, &[], "")).await
}

fn client(server: &Server) -> Client {
    Client::builder()
        .base_url(&server.url)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client")
}

#[derive(serde::Serialize)]
struct Rgb {
    #[serde(rename = "R")]
    r: u8,
    #[serde(rename = "G")]
    g: u8,
    #[serde(rename = "B")]
    b: u8,
}

const RGB: Rgb = Rgb {
    r: 100,
    g: 200,
    b: 150,
};

fn colors() -> Vec<&'static str> {
    vec!["blue", "black", "brown"]
}

/// A server and a client for it.
struct Wire {
    server: Server,
    client: Client,
}

impl Wire {
    async fn new() -> Wire {
        let server = server().await;
        let client = client(&server);
        Wire { server, client }
    }

    /// Sends `request` and returns the request target the server read.
    async fn target(&self, request: Request) -> String {
        let before = self.server.received().len();
        self.client.send_empty(request).await.expect("sent");
        let received = self.server.received();
        assert_eq!(received.len(), before + 1);
        received[before].target.clone()
    }
}

/// Sends `GET /colors` with one query parameter, and returns the target the server read.
async fn with_query(
    wire: &Wire,
    value: &(impl AsParam + ?Sized),
    style: Style,
    explode: bool,
    allow_reserved: bool,
) -> String {
    let mut request = Request::new(Method::GET, "/colors", "/colors".into(), true, "*/*");
    request
        .query_param("color", value, style, explode, allow_reserved)
        .expect("query parameter");
    wire.target(request).await
}

/// Sends `GET /colors/{color}` with the path parameter, and returns the target.
async fn with_path(
    wire: &Wire,
    value: &(impl AsParam + ?Sized),
    style: Style,
    explode: bool,
) -> String {
    let template = "/colors/{color}";
    let mut request = Request::new(Method::GET, template, template.into(), true, "*/*");
    request
        .path_param("color", value, style, explode)
        .expect("path parameter");
    wire.target(request).await
}

#[tokio::test]
async fn query_styles_on_the_wire() {
    use Style::*;
    let array = colors();
    let object = Object(&RGB);
    let table: Vec<(&dyn AsParamDyn, Style, bool, &str)> = vec![
        (&"blue", Form, true, "/colors?color=blue"),
        (
            &array,
            Form,
            true,
            "/colors?color=blue&color=black&color=brown",
        ),
        (&array, Form, false, "/colors?color=blue,black,brown"),
        (&object, Form, true, "/colors?R=100&G=200&B=150"),
        (&object, Form, false, "/colors?color=R,100,G,200,B,150"),
        (
            &array,
            SpaceDelimited,
            false,
            "/colors?color=blue%20black%20brown",
        ),
        (
            &array,
            PipeDelimited,
            false,
            "/colors?color=blue|black|brown",
        ),
        (
            &object,
            DeepObject,
            true,
            "/colors?color[R]=100&color[G]=200&color[B]=150",
        ),
        (&"a b,c&d", Form, true, "/colors?color=a%20b%2Cc%26d"),
        (&None::<i32>, Form, true, "/colors"),
    ];
    let wire = Wire::new().await;
    for (value, style, explode, want) in table {
        let got = value.send_query(&wire, style, explode).await;
        assert_eq!(got, want, "{style:?} explode={explode}");
    }
    assert_eq!(
        with_query(&wire, "a/b?c d", Form, true, true).await,
        "/colors?color=a/b?c%20d",
        "allowReserved"
    );
}

/// Genesys's `expand` (an array, `style: form, explode: false`) goes out as `expand=a,b`.
#[tokio::test]
async fn genesys_expand_is_one_comma_separated_value() {
    let server = server().await;
    let mut request = Request::new(
        Method::GET,
        "/api/v2/users",
        "/api/v2/users".into(),
        true,
        "*/*",
    );
    let expand = vec!["presence".to_owned(), "routingStatus".to_owned()];
    request
        .query_param("expand", &expand, Style::Form, false, false)
        .expect("expand");
    request
        .query_param("pageSize", &25, Style::Form, true, false)
        .expect("pageSize");
    client(&server).send_empty(request).await.expect("sent");
    assert_eq!(
        server.received()[0].target,
        "/api/v2/users?expand=presence,routingStatus&pageSize=25"
    );
}

#[tokio::test]
async fn path_styles_on_the_wire() {
    use Style::*;
    let array = colors();
    let mut map = BTreeMap::new();
    map.insert("G", 200);
    map.insert("R", 100);
    let table: Vec<(&dyn AsParamDyn, Style, bool, &str)> = vec![
        (&"blue", Simple, false, "/colors/blue"),
        (&array, Simple, false, "/colors/blue,black,brown"),
        (&map, Simple, false, "/colors/G,200,R,100"),
        (&map, Simple, true, "/colors/G=200,R=100"),
        (&"blue", Label, false, "/colors/.blue"),
        (&array, Label, false, "/colors/.blue,black,brown"),
        (&array, Label, true, "/colors/.blue.black.brown"),
        (&map, Label, true, "/colors/.G=200.R=100"),
        (&"blue", Matrix, false, "/colors/;color=blue"),
        (
            &array,
            Matrix,
            true,
            "/colors/;color=blue;color=black;color=brown",
        ),
        (&map, Matrix, true, "/colors/;G=200;R=100"),
        (&"a/b?c#d e", Simple, false, "/colors/a%2Fb%3Fc%23d%20e"),
    ];
    let wire = Wire::new().await;
    for (value, style, explode, want) in table {
        let got = value.send_path(&wire, style, explode).await;
        assert_eq!(got, want, "{style:?} explode={explode}");
    }
}

#[tokio::test]
async fn header_parameters_are_simple_and_not_percent_encoded() {
    let server = server().await;
    let mut request = Request::new(Method::GET, "/h", "/h".into(), true, "*/*");
    request
        .header_param("X-Colors", &colors(), Style::Simple, false)
        .expect("array");
    request
        .header_param("X-Rgb", &Object(&RGB), Style::Simple, true)
        .expect("object");
    request
        .header_param("X-Absent", &None::<String>, Style::Simple, false)
        .expect("absent");
    client(&server).send_empty(request).await.expect("sent");
    let received = &server.received()[0];
    assert_eq!(received.header("x-colors"), Some("blue,black,brown"));
    assert_eq!(received.header("x-rgb"), Some("R=100,G=200,B=150"));
    assert_eq!(received.header("x-absent"), None);
}

/// `""`, `.` and `..` as a whole path segment would address another resource
/// (`/rooms/../messages` is `/messages`): refused before anything is sent, naming the
/// parameter, whether the path was formatted by the operation or filled by `path_param`.
#[tokio::test]
async fn dot_and_empty_segments_are_refused_before_sending() {
    for value in ["", ".", ".."] {
        let server = server().await;
        let template = "/rooms/{roomJid}/messages";
        let formatted = Request::new(
            Method::GET,
            template,
            format!("/rooms/{value}/messages"),
            true,
            "*/*",
        );
        let mut filled = Request::new(Method::PATCH, template, template.into(), false, "*/*");
        filled
            .path_param("roomJid", value, Style::Simple, false)
            .expect("simple");
        for request in [formatted, filled] {
            let error = client(&server).send_empty(request).await.unwrap_err();
            assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
            let text = error.to_string();
            assert!(
                text.contains("path parameter `roomJid`"),
                "{value:?}: {text}"
            );
        }
        assert!(server.received().is_empty(), "{value:?} reached the server");
    }
}

/// A request on its way, yielding the target the server read.
type Sending<'a> = std::pin::Pin<Box<dyn Future<Output = String> + Send + 'a>>;

/// Object-safe sending of any parameter value, for the tables above.
trait AsParamDyn: Sync {
    fn send_query<'a>(&'a self, wire: &'a Wire, style: Style, explode: bool) -> Sending<'a>;
    fn send_path<'a>(&'a self, wire: &'a Wire, style: Style, explode: bool) -> Sending<'a>;
}

impl<T: AsParam + Sync> AsParamDyn for T {
    fn send_query<'a>(&'a self, wire: &'a Wire, style: Style, explode: bool) -> Sending<'a> {
        Box::pin(with_query(wire, self, style, explode, false))
    }

    fn send_path<'a>(&'a self, wire: &'a Wire, style: Style, explode: bool) -> Sending<'a> {
        Box::pin(with_path(wire, self, style, explode))
    }
}
