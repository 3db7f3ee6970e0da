//! Operations written by hand the way generated code writes them: per operation a parameter
//! struct implementing [`Operation`], a type alias for its [`RequestBuilder`], the setters of
//! its optional parameters, and a method on the API group that starts the builder. Reach them
//! through [`Client::things`](crate::Client::things).

use crate::models::{NoteListing, Thing};
use crate::runtime::params::Style;
use crate::runtime::{Meta, Method, Operation, Request, RequestBuilder, Response};

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
    pub fn get_thing(&self, thing_id: impl Into<String>) -> GetThingRequest {
        RequestBuilder::new(
            self.client.clone(),
            GetThing {
                thing_id: thing_id.into(),
                expand: None,
            },
        )
    }

    /// `PUT /things/{thingId}` with a JSON body, answering the stored thing.
    pub fn put_thing(&self, thing_id: impl Into<String>, body: Thing) -> PutThingRequest {
        RequestBuilder::new(
            self.client.clone(),
            PutThing {
                thing_id: thing_id.into(),
                body,
            },
        )
    }

    /// `POST /things/{thingId}/poke` without a body or a response body; not idempotent.
    pub fn poke_thing(&self, thing_id: impl Into<String>) -> PokeThingRequest {
        RequestBuilder::new(
            self.client.clone(),
            PokeThing {
                thing_id: thing_id.into(),
            },
        )
    }

    /// `GET /things/{thingId}/notes`, newest first, paged backwards with `before` (a note id)
    /// and `limit`.
    pub fn list_notes(&self, thing_id: impl Into<String>) -> ListNotesRequest {
        RequestBuilder::new(
            self.client.clone(),
            ListNotes {
                thing_id: thing_id.into(),
                limit: None,
                before: None,
            },
        )
    }
}

/// The parameters of `GET /things/{thingId}`.
#[derive(Debug, Clone)]
pub struct GetThing {
    thing_id: String,
    expand: Option<String>,
}

impl Operation for GetThing {
    type Output = Thing;
    const META: Meta = Meta {
        method: Method::GET,
        path: "/things/{thingId}",
        idempotent: true,
        accept: "application/json",
        security: &[&[&crate::security::PURECLOUD_OAUTH]],
    };

    fn build(&self, request: &mut Request) -> Result<(), crate::Error> {
        request.path_param("thingId", &self.thing_id, Style::Simple, false)?;
        request.query_param("expand", &self.expand, Style::Form, true, false)
    }

    fn decode(response: Response) -> Result<Thing, crate::Error> {
        response.json()
    }
}

/// The request built by [`ThingsApi::get_thing`].
pub type GetThingRequest = RequestBuilder<GetThing>;

impl GetThingRequest {
    /// Sets the query parameter `expand`.
    pub fn expand(mut self, value: impl Into<String>) -> Self {
        self.params.expand = Some(value.into());
        self
    }
}

/// The parameters of `PUT /things/{thingId}`.
#[derive(Debug, Clone)]
pub struct PutThing {
    thing_id: String,
    body: Thing,
}

impl Operation for PutThing {
    type Output = Thing;
    const META: Meta = Meta {
        method: Method::PUT,
        path: "/things/{thingId}",
        idempotent: true,
        accept: "application/json",
        security: &[&[&crate::security::PURECLOUD_OAUTH]],
    };

    fn build(&self, request: &mut Request) -> Result<(), crate::Error> {
        request.path_param("thingId", &self.thing_id, Style::Simple, false)?;
        request.json(&self.body)
    }

    fn decode(response: Response) -> Result<Thing, crate::Error> {
        response.json()
    }
}

/// The request built by [`ThingsApi::put_thing`].
pub type PutThingRequest = RequestBuilder<PutThing>;

/// The parameters of `POST /things/{thingId}/poke`.
#[derive(Debug, Clone)]
pub struct PokeThing {
    thing_id: String,
}

impl Operation for PokeThing {
    type Output = ();
    const META: Meta = Meta {
        method: Method::POST,
        path: "/things/{thingId}/poke",
        idempotent: false,
        accept: "application/json",
        security: &[&[&crate::security::PURECLOUD_OAUTH]],
    };

    fn build(&self, request: &mut Request) -> Result<(), crate::Error> {
        request.path_param("thingId", &self.thing_id, Style::Simple, false)
    }

    fn decode(response: Response) -> Result<(), crate::Error> {
        response.empty()
    }
}

/// The request built by [`ThingsApi::poke_thing`].
pub type PokeThingRequest = RequestBuilder<PokeThing>;

/// The parameters of `GET /things/{thingId}/notes`.
#[derive(Debug, Clone)]
pub struct ListNotes {
    thing_id: String,
    limit: Option<i32>,
    before: Option<String>,
}

impl Operation for ListNotes {
    type Output = NoteListing;
    const META: Meta = Meta {
        method: Method::GET,
        path: "/things/{thingId}/notes",
        idempotent: true,
        accept: "application/json",
        security: &[&[&crate::security::PURECLOUD_OAUTH]],
    };

    fn build(&self, request: &mut Request) -> Result<(), crate::Error> {
        request.path_param("thingId", &self.thing_id, Style::Simple, false)?;
        request.query_param("limit", &self.limit, Style::Form, true, false)?;
        request.query_param("before", &self.before, Style::Form, true, false)
    }

    fn decode(response: Response) -> Result<NoteListing, crate::Error> {
        response.json()
    }
}

/// The request built by [`ThingsApi::list_notes`].
pub type ListNotesRequest = RequestBuilder<ListNotes>;

impl ListNotesRequest {
    /// Sets the query parameter `limit`: notes per page.
    pub fn limit(mut self, value: i32) -> Self {
        self.params.limit = Some(value);
        self
    }

    /// Sets the query parameter `before`: only notes older than this note id.
    pub fn before(mut self, value: impl Into<String>) -> Self {
        self.params.before = Some(value.into());
        self
    }

    /// Every note, newest first, at most `limit` of them: pages backwards with `before` set to
    /// the oldest note of each page. See [`Pages`](crate::runtime::Pages).
    pub fn history(self, limit: usize) -> crate::runtime::Pages<crate::models::Note> {
        crate::runtime::pages(
            self,
            limit,
            |params, cursor| params.before = Some(cursor),
            |page| {
                let notes = page.entities.unwrap_or_default();
                let cursor = notes.last().and_then(|note| note.id.clone());
                (notes, cursor)
            },
        )
    }
}
