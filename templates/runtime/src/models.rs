//! Models, as a generated crate has them: the error body and one resource.

crate::runtime::model! {
    /// An error response body.
    #[derive(Default)]
    pub struct ErrorBody {
        /// What went wrong.
        "message" message: Option<String> = opt => with_message(String),
        /// A machine-readable code.
        "code" code: Option<String> = opt => with_code(String),
        /// The HTTP status, repeated.
        "status" status: Option<i32> = opt => with_status(i32),
    }
}

crate::runtime::model! {
    /// A resource the test operations read and write.
    #[derive(Default)]
    pub struct Thing {
        /// The id.
        "id" id: Option<String> = opt => with_id(String),
        /// A name that may be set, cleared (`null`) or left alone (absent).
        "label" label: Option<Option<String>> = nullable => with_label(Option<String>),
        /// When it was made; read as UTC when the service leaves out the offset.
        "created" created: Option<crate::types::DateTime> = opt date
            => with_created(crate::types::DateTime),
    }
}

crate::runtime::model! {
    /// A note on a thing, as the paged history operation returns them.
    #[derive(Default)]
    pub struct Note {
        /// The id, which is also the cursor of the page before it.
        "id" id: Option<String> = opt => with_id(String),
        /// What it says.
        "text" text: Option<String> = opt => with_text(String),
    }
}

crate::runtime::model! {
    /// A page of notes.
    #[derive(Default)]
    pub struct NoteListing {
        /// The notes, newest first.
        "entities" entities: Option<Vec<Note>> = opt => with_entities(Vec<Note>),
    }
}
