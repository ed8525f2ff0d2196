//! typed: records read and written as their Rust types ([`Stored<T>`]), so no page handles a
//! JSON value or a record envelope.
//!
//! Each call goes through the store's own reads and writes ([`Db::save`], [`Db::write_all`],
//! [`Db::delete`]), so the revision check and the rollback are exactly theirs. A record that is
//! stored but cannot be read as its type is never passed over in silence: a single read returns
//! [`StoreError::Unreadable`] naming it, a listing returns it beside the ones that could be read,
//! and nothing stored is changed by reading.

use super::{decode, stored_revision, Db, StoreError};
use crate::record::Unreadable;
use crate::settings::{Kept, Setting, Stored};

/// Every record of one kind, as its type where it can be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing<T> {
    /// The ones that could be read, in id order.
    pub kept: Vec<Stored<T>>,
    /// The ones that could not (left as they are).
    pub unreadable: Vec<Unreadable>,
}

/// A setting as read, for a page that carries on with the setting's default when none is saved or
/// the saved one cannot be read.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingRead<T> {
    /// The setting to use, with the revision a save over it must name: the saved one, or the
    /// default (revision 0 when none is saved; the unreadable record's own revision when one is,
    /// so saving replaces it, and only then).
    pub stored: Stored<T>,
    /// The saved record that could not be read, if there is one: the page must say so.
    pub unreadable: Option<Unreadable>,
}

/// `text`, stored under `id`, read as a `T`.
fn read_as<T: Kept>(id: &str, text: &str) -> Result<Stored<T>, Unreadable> {
    let unreadable = |detail: String| Unreadable {
        kind: T::KIND,
        id: id.to_string(),
        revision: stored_revision(text),
        detail,
    };
    let record = decode(T::KIND, text).map_err(|e| unreadable(e.to_string()))?;
    if record.id != id {
        return Err(unreadable(format!("it is kept under \"{id}\" but names itself \"{}\"", record.id)));
    }
    Stored::from_record(record).map_err(unreadable)
}

impl Db {
    /// The record of `T`'s kind with this id, if one is stored; [`StoreError::Unreadable`] if it
    /// is stored but cannot be read as a `T`.
    pub async fn read<T: Kept>(&self, id: &str) -> Result<Option<Stored<T>>, StoreError> {
        match self.text(T::KIND, id).await? {
            None => Ok(None),
            Some(text) => read_as(id, &text).map(Some).map_err(StoreError::Unreadable),
        }
    }

    /// Every record of `T`'s kind: the ones that read as a `T`, and the ones that do not.
    pub async fn read_all<T: Kept>(&self) -> Result<Listing<T>, StoreError> {
        let mut listing = Listing { kept: Vec::new(), unreadable: Vec::new() };
        for (id, text) in self.texts(T::KIND).await? {
            match read_as(&id, &text) {
                Ok(stored) => listing.kept.push(stored),
                Err(unreadable) => listing.unreadable.push(unreadable),
            }
        }
        Ok(listing)
    }

    /// The setting `T`, if it is saved.
    pub async fn setting<T: Setting>(&self) -> Result<Option<Stored<T>>, StoreError> {
        self.read(T::ID).await
    }

    /// The setting `T`, or its default when none is saved or the saved one cannot be read
    /// ([`SettingRead`] says which).
    pub async fn setting_or_default<T: Setting + Default>(&self) -> Result<SettingRead<T>, StoreError> {
        match self.setting::<T>().await {
            Ok(stored) => Ok(SettingRead { stored: Stored::setting_or_default(stored), unreadable: None }),
            Err(StoreError::Unreadable(unreadable)) => Ok(SettingRead {
                stored: Stored {
                    revision: unreadable.revision.unwrap_or(0),
                    ..Stored::new(T::ID, T::default())
                },
                unreadable: Some(unreadable),
            }),
            Err(e) => Err(e),
        }
    }

    /// `value` as the setting `T`, ready to save over whatever is stored now: the saved one,
    /// one that cannot be read (at its own revision), or none. For a setting that is replaced
    /// whole as soon as it is read, such as a loaded file.
    pub async fn setting_to_replace<T: Setting>(&self, value: T) -> Result<Stored<T>, StoreError> {
        match self.setting::<T>().await {
            Ok(Some(stored)) => Ok(stored.with(value)),
            Ok(None) => Ok(Stored::new(T::ID, value)),
            Err(StoreError::Unreadable(unreadable)) => {
                Ok(Stored { revision: unreadable.revision.unwrap_or(0), ..Stored::new(T::ID, value) })
            }
            Err(e) => Err(e),
        }
    }

    /// Saves `stored` over the revision it was read at (0: a new record), refused with
    /// [`StoreError::Conflict`] if another tab saved meanwhile. Returns it as saved.
    pub async fn write<T: Kept>(&self, stored: Stored<T>) -> Result<Stored<T>, StoreError> {
        let saved = self.save(stored.to_record()).await?;
        Ok(Stored { revision: saved.revision, updated_at: saved.updated_at, ..stored })
    }

    /// Saves two records as one change (both or neither), each over the revision it was read at.
    pub async fn write_both<A: Kept, B: Kept>(
        &self,
        a: Stored<A>,
        b: Stored<B>,
    ) -> Result<(Stored<A>, Stored<B>), StoreError> {
        let saved = self.write_all(vec![a.to_record(), b.to_record()]).await?;
        let [first, second] = <[_; 2]>::try_from(saved).expect("two records written, two returned");
        Ok((
            Stored { revision: first.revision, updated_at: first.updated_at, ..a },
            Stored { revision: second.revision, updated_at: second.updated_at, ..b },
        ))
    }

    /// Deletes `stored` if it is still at the revision it was read at.
    pub async fn remove<T: Kept>(&self, stored: &Stored<T>) -> Result<(), StoreError> {
        self.delete(T::KIND, &stored.id, stored.revision).await
    }

    /// Deletes a record that could not be read, if it is still at the revision it was found at.
    pub async fn remove_unreadable(&self, unreadable: &Unreadable) -> Result<(), StoreError> {
        match unreadable.revision {
            Some(revision) => self.delete(unreadable.kind, &unreadable.id, revision).await,
            None => Err(StoreError::Corrupt { kind: unreadable.kind, detail: unreadable.detail.clone() }),
        }
    }
}
