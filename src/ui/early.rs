//! early: the guided complaint's first question as the page itself draws it, before the app has
//! loaded, and the app taking over from it.
//!
//! Opened at `/complaint/who`, index.html shows the first question at once from its own markup
//! and a few lines of script, while the app's code downloads: on a slow phone connection that
//! takes seconds, and the question can be read and answered meanwhile (docs/offline.md, "The
//! first question before the app"). The app's page is hidden while that copy is there
//! (style/main.css). When the guided complaint has read the saved answers, it calls [`take`]:
//! what was chosen there, whether "Continue" was pressed and which control had focus come over,
//! and the page's copy goes. If the app draws another page instead (its part could not be
//! fetched, or the saved answers could not be read), [`discard`] removes the copy.
//!
//! Architecture Invariant: this module only reads the page's copy and removes it; what an answer
//! means is the guided complaint's (`Draft::helping`).

/// The id of the page's own copy of the first question (index.html).
const EARLY: &str = "early";

/// What someone did on the page's own first question before the app was ready.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Early {
    /// Their answer to "Who is making this complaint?": `Some(true)` if they are helping
    /// someone else, `None` if they chose nothing.
    pub helping: Option<bool>,
    /// They pressed "Continue".
    pub continued: bool,
    /// Where focus goes in the app's page: to the control they were on, or to the page's main
    /// region if they were elsewhere on the copy; `None` if nothing in it had focus.
    pub focus: Option<Focus>,
}

/// Where focus goes when the app takes over from the page's copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The app's control with this id, the same control as on the copy.
    Control(&'static str),
    /// The page's main region.
    Main,
}

/// Reads what was done on the page's own first question and removes it, so the app's page
/// shows. `None` if the page did not show it.
pub fn take() -> Option<Early> {
    let document = web_sys::window()?.document()?;
    let early = document.get_element_by_id(EARLY)?;
    let chosen = early.query_selector("input[name=who]:checked").ok().flatten();
    let helping = match chosen.and_then(|input| input.get_attribute("value")).as_deref() {
        Some("helper") => Some(true),
        Some("resident") => Some(false),
        _ => None,
    };
    let continued = early.query_selector("form[data-continue]").ok().flatten().is_some();
    let focus = document
        .active_element()
        .filter(|active| early.contains(Some(active as &web_sys::Node)))
        .map(|active| match active.id().as_str() {
            "who-resident" => Focus::Control("who-resident"),
            "who-helper" => Focus::Control("who-helper"),
            "early-continue" => Focus::Control("continue"),
            _ => Focus::Main,
        });
    early.remove();
    Some(Early { helping, continued, focus })
}

/// Removes the page's own first question if it is there, without reading it: the app is drawing
/// another page in its place (one that says why the complaint could not be opened).
pub fn discard() {
    if let Some(early) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(EARLY))
    {
        early.remove();
    }
}
