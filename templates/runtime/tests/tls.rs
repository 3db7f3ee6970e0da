//! Mutual TLS and a custom CA, against an `https` loopback server whose CA, server certificate
//! and client certificate `rcgen` makes for each test; the server requires a client
//! certificate issued by that CA.
#![cfg(any(feature = "rustls", feature = "native-tls"))]

mod support;

use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
use sdk_runtime::{Client, ClientBuilder, Error, RetryPolicy, TransportPhase};
use serde_json::json;
use support::{Reply, Server};
use tokio_rustls::rustls;

/// A CA, and PEMs it issued: the server's certificate and key (for `localhost`), a client's
/// certificate and key.
struct Pki {
    ca: String,
    server_certificate: String,
    server_key: String,
    client_certificate: String,
    client_key: String,
}

fn pki() -> Pki {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Test CA");
    let ca_key = KeyPair::generate().expect("CA key");
    let ca = ca_params.self_signed(&ca_key).expect("CA certificate");
    let issuer = Issuer::new(ca_params, ca_key);
    let leaf = |names: Vec<String>| {
        let key = KeyPair::generate().expect("key");
        let params = CertificateParams::new(names).expect("params");
        let certificate = params.signed_by(&key, &issuer).expect("certificate");
        (certificate.pem(), key.serialize_pem())
    };
    let (server_certificate, server_key) = leaf(vec!["localhost".into()]);
    let (client_certificate, client_key) = leaf(vec!["client.example".into()]);
    Pki {
        ca: ca.pem(),
        server_certificate,
        server_key,
        client_certificate,
        client_key,
    }
}

/// An `https` server that requires a client certificate issued by the CA, answering a token
/// endpoint and the API.
async fn server(pki: &Pki) -> Server {
    let parse = |pem: &str| {
        rustls::pki_types::CertificateDer::pem_slice_iter(pem.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .expect("PEM certificates")
    };
    use rustls::pki_types::pem::PemObject as _;
    let mut roots = rustls::RootCertStore::empty();
    for certificate in parse(&pki.ca) {
        roots.add(certificate).expect("a CA");
    }
    let verifier = rustls::server::WebPkiClientVerifier::builder(Arc::new(roots))
        .build()
        .expect("client verifier");
    let key = rustls::pki_types::PrivateKeyDer::from_pem_slice(pki.server_key.as_bytes())
        .expect("PEM key");
    let config = rustls::ServerConfig::builder()
        .with_client_cert_verifier(verifier)
        .with_single_cert(parse(&pki.server_certificate), key)
        .expect("server config");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    Server::start_tls(acceptor, |request| {
        if request.path() == "/oauth/token" {
            Reply::json(200, &json!({"access_token": "tok", "expires_in": 3600}))
        } else {
            Reply::json(200, &json!({"id": "t1"}))
        }
    })
    .await
}

fn builder(server: &Server) -> ClientBuilder {
    Client::builder()
        .base_url(&server.url)
        .client_credentials("app", "secret")
        .retry_policy(RetryPolicy::disabled())
}

/// With the CA trusted and the client certificate presented, both the token request and the
/// API request get through.
#[tokio::test]
async fn mutual_tls_with_a_custom_ca_gets_through() {
    let pki = pki();
    let server = server(&pki).await;
    let client = builder(&server)
        .add_root_certificate_pem(pki.ca.clone())
        .client_identity_pem(pki.client_certificate.clone(), pki.client_key.clone())
        .build()
        .expect("client");
    assert!(!format!("{client:?}").contains("PRIVATE KEY"));

    let thing = client.things().get_thing("t1").await.expect("over mTLS");

    assert_eq!(thing.id.as_deref(), Some("t1"));
    let paths: Vec<String> = server.received().iter().map(|r| r.target.clone()).collect();
    assert_eq!(paths, ["/oauth/token", "/things/t1"]);
}

/// Without the client certificate the server refuses the handshake, and the first request
/// that needs it (the token request) fails as a transport error; without the CA the server
/// is not trusted. Nothing reaches the server either way.
#[tokio::test]
async fn without_the_certificate_or_the_ca_nothing_gets_through() {
    let pki = pki();
    let server = server(&pki).await;
    let cases = [
        builder(&server).add_root_certificate_pem(pki.ca.clone()),
        builder(&server)
            .client_identity_pem(pki.client_certificate.clone(), pki.client_key.clone()),
    ];
    for builder in cases {
        let client = builder.build().expect("client");
        let error = client.things().get_thing("t1").await.expect_err("refused");
        let Error::Transport(transport) = &error else {
            panic!("expected a transport error, got {error:?}");
        };
        assert_eq!(transport.phase(), TransportPhase::Token, "{error}");
    }
    assert!(server.received().is_empty());
}

/// A certificate or key that does not parse is refused when the client is built.
#[test]
fn unparsable_pems_are_refused_when_building() {
    let pki = pki();
    let base = || Client::builder().base_url("https://localhost:1");
    let cases = [
        (
            base().add_root_certificate_pem("not a pem"),
            "CA certificate",
        ),
        (
            base().add_root_certificate_pem(pki.client_key.clone()),
            "CA certificate PEM holds no certificate",
        ),
        (
            base().client_identity_pem(pki.client_certificate.clone(), "no key"),
            "client certificate or its key",
        ),
    ];
    for (builder, want) in cases {
        let error = builder.build().expect_err(want).to_string();
        assert!(error.contains(want), "{want} not in {error}");
        assert!(!error.contains("PRIVATE KEY"), "{error}");
    }
}
