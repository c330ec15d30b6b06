use peerlib_code::ErrorCode;

/// What can go wrong in the store. The shell maps each to a closed wire `code`.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database was written by a newer version (schema {found}, this build knows {known})")]
    NewerDatabase { found: i64, known: i64 },
    #[error("document {0} is not in the library")]
    NotFound(String),
    #[error("invalid document {id}: {reason}")]
    InvalidDocument { id: String, reason: String },
    #[error("the disk is full or not writable: {0}")]
    Storage(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("file system error: {0}")]
    Io(#[from] std::io::Error),
    #[error("the setting {0} is out of its range")]
    InvalidSetting(&'static str),
    #[error("a collection's name cannot be blank")]
    BlankCollectionName,
}

impl StoreError {
    /// The closed code this error has at every boundary (IPC, command line). Each code has a
    /// message `error-<code>` in resources/l10n.
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::NewerDatabase { .. } => ErrorCode::NewerDatabase,
            StoreError::NotFound(_) => ErrorCode::NotFound,
            StoreError::InvalidDocument { .. } => ErrorCode::InvalidDocument,
            StoreError::InvalidSetting(_) => ErrorCode::InvalidArgument,
            StoreError::BlankCollectionName => ErrorCode::CollectionName,
            e if e.is_storage() => ErrorCode::Disk,
            StoreError::Io(_) => ErrorCode::Disk,
            StoreError::Sqlite(_) | StoreError::Storage(_) => ErrorCode::Database,
        }
    }

    /// True when the file is not a usable SQLite database (damaged, truncated, not SQLite): it
    /// is moved aside, never deleted.
    pub fn is_damaged(&self) -> bool {
        matches!(self, StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if matches!(f.code, rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt))
    }

    /// True when the error is about the disk rather than the data: full, read-only, no access.
    pub fn is_storage(&self) -> bool {
        use rusqlite::ErrorCode::*;
        match self {
            StoreError::Storage(_) => true,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                matches!(e.code, DiskFull | ReadOnly | CannotOpen | PermissionDenied | SystemIoFailure)
            }
            _ => false,
        }
    }
}
