//! Operations written by hand the way `api.rs.tera` writes them, calling the same plumbing.
//! Reach them through [`Client::things`](crate::Client::things).

use crate::models::Thing;
use crate::runtime::{Method, Request};

impl crate::Client {
    /// The test operations.
    pub fn things(&self) -> ThingsApi {
        ThingsApi {
            client: self.clone(),
        }
    }
}

/// The test operations. Get them with [`Client::things`](crate::Client::things).
#[derive(Debug, Clone)]
pub struct ThingsApi {
    client: crate::Client,
}

impl ThingsApi {
    /// `GET /things/{thingId}`, with an optional `expand` query parameter.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error).
    pub async fn get_thing(
        &self,
        thing_id: &str,
        expand: Option<&str>,
    ) -> Result<Thing, crate::Error> {
        let mut request = Request::new(
            Method::GET,
            "/things/{thingId}",
            format!("/things/{}", crate::runtime::encode_path_segment(thing_id)),
            true,
            "application/json",
        );
        if let Some(value) = expand {
            request.query("expand", &value.to_owned());
        }
        self.client.send_json(request).await
    }

    /// `PUT /things/{thingId}` with a JSON body, answering the stored thing.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error).
    pub async fn put_thing(&self, thing_id: &str, body: &Thing) -> Result<Thing, crate::Error> {
        let mut request = Request::new(
            Method::PUT,
            "/things/{thingId}",
            format!("/things/{}", crate::runtime::encode_path_segment(thing_id)),
            true,
            "application/json",
        );
        request.json(body)?;
        self.client.send_json(request).await
    }

    /// `POST /things/{thingId}/poke` without a body or a response body; not idempotent.
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error).
    pub async fn poke_thing(&self, thing_id: &str) -> Result<(), crate::Error> {
        let request = Request::new(
            Method::POST,
            "/things/{thingId}/poke",
            format!(
                "/things/{}/poke",
                crate::runtime::encode_path_segment(thing_id)
            ),
            false,
            "application/json",
        );
        self.client.send_empty(request).await
    }
}
