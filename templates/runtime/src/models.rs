//! Models, as a generated crate has them: the error body and one resource.

crate::runtime::model! {
    /// An error response body.
    #[derive(Default)]
    pub struct ErrorBody {
        /// What went wrong.
        0 "message" "message" message: Option<String> = opt => #[doc = "Sets `message`."] with_message(String),
        /// A machine-readable code.
        1 "code" "code" code: Option<String> = opt => #[doc = "Sets `code`."] with_code(String),
        /// The HTTP status, repeated.
        2 "status" "status" status: Option<i32> = opt => #[doc = "Sets `status`."] with_status(i32),
    }
    decode in_place
}

crate::runtime::model! {
    /// A resource the test operations read and write.
    #[derive(Default)]
    pub struct Thing {
        /// The id.
        0 "id" "id" id: Option<String> = opt => #[doc = "Sets `id`."] with_id(String),
        /// A name that may be set, cleared (`null`) or left alone (absent).
        1 "label" "label" label: Option<Option<String>> = nullable
            => #[doc = "Sets `label`."] with_label(Option<String>),
        /// When it was made; read as UTC when the service leaves out the offset.
        2 "created" "created" created: Option<crate::types::DateTime> = opt_date
            => #[doc = "Sets `created`."] with_created(crate::types::DateTime),
    }
    decode in_place
}

crate::runtime::model! {
    /// A note on a thing, as the paged history operation returns them.
    #[derive(Default)]
    pub struct Note {
        /// The id, which is also the cursor of the page before it.
        0 "id" "id" id: Option<String> = opt => #[doc = "Sets `id`."] with_id(String),
        /// What it says.
        1 "text" "text" text: Option<String> = opt => #[doc = "Sets `text`."] with_text(String),
    }
    decode in_place
}

crate::runtime::model! {
    /// A page of notes.
    #[derive(Default)]
    pub struct NoteListing {
        /// The notes, newest first.
        0 "entities" "entities" entities: Option<Vec<Note>> = opt => #[doc = "Sets `entities`."] with_entities(Vec<Note>),
    }
    decode in_place
}
