//! components: the UI's vocabulary, shared by the pages — message boxes, the error summary, the
//! date field, the bank-holiday division picker, a download that failed.

use leptos::prelude::*;

use crate::calendar::{date_from_parts, long_date, Division};
use crate::choice::Choice;
use crate::engine::{Deadline, DeadlineState, Party};
use crate::letters::Letter;
use crate::record::Unreadable;
use crate::settings::unreadable_notices;
use crate::ui::browser;

/// A problem the user must know about, announced to screen readers as soon as it appears.
/// `title` says what went wrong; `children` say what to do.
#[component]
pub fn ErrorBox(
    #[prop(into)] title: String,
    #[prop(optional, into)] testid: Option<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="error-box" role="alert" tabindex="-1" data-testid=testid.unwrap_or_else(|| "error".into())>
            <h2 class="error-title">{title}</h2>
            {children()}
        </div>
    }
}

/// Saved records that could not be read (`settings::unreadable_notices`): what could not be read,
/// what Redress does instead, that each is kept as it is, and what to do. Nothing when there are
/// none.
#[component]
pub fn UnreadableNotice(unreadable: Vec<Unreadable>) -> impl IntoView {
    let notices = unreadable_notices(&unreadable);
    (!notices.is_empty()).then(|| {
        view! {
            <ErrorBox title="Some saved data could not be read" testid="unreadable-notice">
                {notices.into_iter().map(|n| view! { <p>{n}</p> }).collect_view()}
            </ErrorBox>
        }
    })
}

/// Why the last download (or copy) did not work, if it did not: what went wrong and what to do,
/// announced as soon as it appears. `failed` is set by the buttons that offer the file, with
/// `browser::download(..).err()`.
#[component]
pub fn DownloadFailed(
    failed: RwSignal<Option<String>>,
    #[prop(optional, into)] testid: Option<String>,
) -> impl IntoView {
    let testid = testid.unwrap_or_else(|| "download-error".into());
    move || {
        failed.get().map(|m| {
            view! { <ErrorBox title="The download did not work" testid=testid.clone()><p>{m}</p></ErrorBox> }
        })
    }
}

/// The error summary at the top of a form: a box titled `title` listing each problem as a link
/// to its field (`problems` holds the field's id and what to do). Following a link moves focus to
/// the field. Shown only while there are problems. `id` is the box's id and test id: the page
/// moves focus to it when a submit fails (`browser::focus_id(id)`), so a screen reader reads the
/// problems first.
#[component]
pub fn ErrorSummary(
    id: &'static str,
    #[prop(into)] title: String,
    #[prop(into)] problems: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    move || {
        let list = problems.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="error-box" role="alert" tabindex="-1" id=id data-testid=id aria-labelledby=title_id.clone()>
                    <h2 class="error-title" id=title_id.clone()>{title.clone()}</h2>
                    <ul>
                        {list.into_iter().map(|(field, message)| {
                            let href = format!("#{field}");
                            view! {
                                <li><a href=href on:click=move |ev| { ev.prevent_default(); browser::focus_id(&field); }>{message}</a></li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The question asked before something is deleted: a warning panel saying what will go and that
/// it cannot be undone (`children`), a "Yes, delete …" button (`yes`, running `on_yes`) and a
/// "No, keep …" button (`no`, running `on_no`). With a `heading` (its element id and text) the
/// panel is an alert dialog labelled by the heading, which the page focuses when it asks;
/// without one it is an alert, read out as it appears.
#[component]
pub fn DeleteConfirm(
    testid: &'static str,
    yes: &'static str,
    no: &'static str,
    #[prop(into)] on_yes: Callback<()>,
    #[prop(into)] on_no: Callback<()>,
    #[prop(optional)] heading: Option<(&'static str, &'static str)>,
    #[prop(optional)] yes_testid: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let buttons = view! {
        <div class="button-row">
            <button type="button" class="button warning" data-testid=yes_testid on:click=move |_| on_yes.run(())>{yes}</button>
            <button type="button" class="button secondary" on:click=move |_| on_no.run(())>{no}</button>
        </div>
    };
    match heading {
        Some((id, text)) => view! {
            <div class="panel warning-panel" role="alertdialog" aria-labelledby=id data-testid=testid>
                <h3 id=id tabindex="-1">{text}</h3>
                {children()}
                {buttons}
            </div>
        }
        .into_any(),
        None => view! {
            <div class="warning-panel" role="alert" data-testid=testid>
                {children()}
                {buttons}
            </div>
        }
        .into_any(),
    }
}

/// A letter as it will be sent: the heading lines (date, who it is to), the paragraphs and the
/// sign-off, each line its own paragraph. With a `label` it is an `<article>` named by it; the
/// print stylesheet prints only a letter placed directly in the page's main region.
#[component]
pub fn LetterBody(
    letter: Letter,
    #[prop(optional)] label: Option<&'static str>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let lines = move |lines: Vec<String>| {
        lines.into_iter().map(|l| view! { <p class="letter-line">{l}</p> }).collect_view()
    };
    let body = view! {
        {lines(letter.heading)}
        {letter.paragraphs.into_iter().map(|p| view! { <p class="letter-paragraph">{p}</p> }).collect_view()}
        {lines(letter.closing)}
    };
    match label {
        Some(label) => {
            view! { <article class="letter" data-testid=testid aria-label=label>{body}</article> }.into_any()
        }
        None => view! { <div class="letter" data-testid=testid>{body}</div> }.into_any(),
    }
}

/// What can be done with a letter: print it (where `print`, for a letter placed directly in the
/// page), copy it, and download it as text (`<file>.txt`) and as a web page (`<file>.html`).
/// Whether the copy worked, and why a download did not, is said beside the buttons.
#[component]
pub fn LetterActions(
    #[prop(into)] text: String,
    #[prop(into)] html: String,
    /// The downloaded file's name without its extension.
    #[prop(into)]
    file: String,
    #[prop(optional)] print: bool,
    /// Secondary buttons, for a letter among other things on the page.
    #[prop(optional)]
    secondary: bool,
) -> impl IntoView {
    let class = if secondary { "button secondary" } else { "button" };
    let (text, html, file) = (StoredValue::new(text), StoredValue::new(html), StoredValue::new(file));
    let copied = RwSignal::new(None::<Result<(), String>>);
    let failed = RwSignal::new(None::<String>);
    let download = move |extension: &str, mime: &str, contents: StoredValue<String>| {
        let name = format!("{}.{extension}", file.get_value());
        failed.set(contents.with_value(|c| browser::download(&name, mime, c)).err());
    };
    view! {
        <div class="button-row no-print">
            {print.then(|| view! { <button type="button" class=class on:click=|_| browser::print()>"Print the letter"</button> })}
            <button type="button" class=class on:click=move |_| {
                let t = text.get_value();
                leptos::task::spawn_local(async move { copied.set(Some(browser::copy_text(&t).await)); });
            }>"Copy the letter"</button>
            <button type="button" class=class data-testid="download-text" on:click=move |_| download("txt", "text/plain", text)>"Download as text"</button>
            <button type="button" class=class data-testid="download-html" on:click=move |_| download("html", "text/html", html)>"Download as a web page"</button>
        </div>
        {move || copied.get().map(|r| match r {
            Ok(()) => view! { <p role="status">"Copied. You can paste the letter into an email."</p> }.into_any(),
            Err(m) => view! { <p role="status">{m}</p> }.into_any(),
        })}
        <DownloadFailed failed />
    }
}

/// Who reads a page, for the words that differ between a resident and an association.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    /// The resident, or someone helping them: "you" and "the landlord".
    Resident,
    /// The association handling the case: "us" and "the resident".
    Association,
}

/// A deadline's state in words for `reader`.
fn state_text(state: DeadlineState, reader: Reader) -> String {
    match (state, reader) {
        (DeadlineState::Met { on }, Reader::Resident) => format!("Done on {}", long_date(on)),
        (DeadlineState::Met { on }, Reader::Association) => format!("Met: done {}", long_date(on)),
        (DeadlineState::Missed { on }, Reader::Resident) => format!("Late: done on {}", long_date(on)),
        (DeadlineState::Missed { on }, Reader::Association) => {
            format!("Missed: done late, {}", long_date(on))
        }
        (DeadlineState::Overdue, _) => "Overdue".into(),
        (DeadlineState::Pending, Reader::Resident) => "Still to come".into(),
        (DeadlineState::Pending, Reader::Association) => "Pending".into(),
        (DeadlineState::Lapsed, Reader::Resident) => "Time ran out".into(),
        (DeadlineState::Lapsed, Reader::Association) => "Lapsed".into(),
        (DeadlineState::Stopped { .. }, _) => "No longer needed".into(),
        (DeadlineState::Passed { .. }, _) => "Missed".into(),
    }
}

/// Every deadline of a case, from the engine's assessment, one row each (test id
/// `deadline-<id>`): what, when, whose, and its state, in `reader`'s words, with the policy's rule
/// and clause (`cite` names a clause as the reader sees it). The association's table also shows
/// an extension's earlier date, the engine's cautions and overdue rows, and scrolls on a narrow
/// screen.
#[component]
pub fn DeadlineTable(
    deadlines: Vec<Deadline>,
    reader: Reader,
    #[prop(into)] cite: Callback<String, String>,
) -> impl IntoView {
    let rule = move |d: &Deadline| format!("{} ({})", d.rule, cite.run(d.clause.clone()));
    match reader {
        Reader::Resident => view! {
            <table class="table" data-testid="deadlines">
                <caption class="visually-hidden">"Every date in your complaint"</caption>
                <thead><tr><th scope="col">"What"</th><th scope="col">"By"</th><th scope="col">"Who"</th><th scope="col">"Done?"</th></tr></thead>
                <tbody>
                    {deadlines.into_iter().map(|d| view! {
                        <tr data-testid=format!("deadline-{}", d.id)>
                            <td>{d.what.clone()}<br /><span class="muted">{rule(&d)}</span></td>
                            <td>{long_date(d.due)}</td>
                            <td>{match d.party { Party::Landlord => "Landlord", Party::Resident => "You" }}</td>
                            <td>{state_text(d.state, reader)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
        Reader::Association => view! {
            <div class="table-scroll" role="region" aria-label="Deadlines" tabindex="0">
            <table class="table wide" data-testid="case-deadlines">
                <caption class="visually-hidden">"Every deadline on this case"</caption>
                <thead><tr><th scope="col">"What"</th><th scope="col">"Due"</th><th scope="col">"Who"</th><th scope="col">"State"</th><th scope="col">"Rule"</th></tr></thead>
                <tbody>{deadlines.into_iter().map(|d| view! {
                    <tr data-testid=format!("deadline-{}", d.id) class:overdue=d.is_overdue()>
                        <td>{d.what.clone()}{d.note.clone().map(|n| view! { <br /><span class="muted">{n}</span> })}</td>
                        <td data-testid="due">{long_date(d.due)}{d.extended_from.map(|f| format!(" (was {})", long_date(f)))}</td>
                        <td>{match d.party { Party::Landlord => "Us", Party::Resident => "Resident" }}</td>
                        <td data-testid="state">{if d.is_overdue() { view! { <strong class="tag tag-overdue">"Overdue"</strong> }.into_any() } else { state_text(d.state, reader).into_any() }}</td>
                        <td class="muted">{rule(&d)}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
            </div>
        }
        .into_any(),
    }
}

/// Confirmation that something worked, announced politely.
#[component]
pub fn SuccessBox(#[prop(optional, into)] testid: Option<String>, children: Children) -> impl IntoView {
    view! {
        <div class="success-box" role="status" data-testid=testid.unwrap_or_else(|| "success".into())>
            {children()}
        </div>
    }
}

/// A `<select>` of a closed set of answers ([`Choice`]), bound to `selected`; each option's value
/// is the answer's [`Choice::value`]. With `none`, a first option of that label stands for no
/// answer. The label and any hint are the page's; `id` is also the test id.
#[component]
pub fn ChoiceSelect<T: Choice>(
    #[prop(into)] id: String,
    #[prop(into)] selected: Signal<Option<T>>,
    #[prop(into)] on_change: Callback<Option<T>>,
    #[prop(optional)] none: Option<&'static str>,
    #[prop(optional, into)] described_by: MaybeProp<String>,
    /// Other words for the answers than [`Choice::label`] (a resident's, say, where the label
    /// is the association's).
    #[prop(optional)]
    words: Option<fn(T) -> &'static str>,
) -> impl IntoView {
    let words = words.unwrap_or(T::label);
    view! {
        <select id=id.clone() data-testid=id aria-describedby=move || described_by.get()
            on:change=move |ev| on_change.run(T::from_value(&event_target_value(&ev)))
            prop:value=move || selected.get().map_or("", Choice::value)>
            {none.map(|label| view! { <option value="" selected=move || selected.get().is_none()>{label}</option> })}
            {T::all().iter().copied().map(|c| view! {
                <option value=c.value() selected=move || selected.get() == Some(c)>{words(c)}</option>
            }).collect_view()}
        </select>
    }
}

/// A `<select>` of the UK's bank-holiday divisions, bound to `division`. The label and any hint
/// are the page's; `id` is also the test id.
#[component]
pub fn DivisionSelect(
    id: &'static str,
    division: RwSignal<Division>,
    #[prop(optional)] described_by: Option<&'static str>,
) -> impl IntoView {
    let choose = move |d: Option<Division>| {
        if let Some(d) = d {
            division.set(d);
        }
    };
    view! {
        <ChoiceSelect<Division> id=id selected=Signal::derive(move || Some(division.get())) on_change=choose
            described_by=described_by.map(str::to_string) />
    }
}

/// A field's error, while it has one: `<p class="field-error" id=..>`, with "Error:" for screen
/// readers before the message (the colour and the position say it to everyone else).
#[component]
pub fn FieldError(#[prop(into)] id: String, #[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        let id = id.clone();
        message.get().map(
            |m| view! { <p class="field-error" id=id><span class="visually-hidden">"Error: "</span>{m}</p> },
        )
    }
}

/// One radio button with its label (id and test id `id`), and the answer's hint under the label
/// if it has one. Checked while `checked`; choosing it runs `on_pick`. [`ChoiceRadios`] draws a
/// closed set with these; a page whose answers are not a closed set (the landlords Redress knows,
/// the answers a policy's question offers) draws them one by one.
#[component]
pub fn Radio(
    name: &'static str,
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(default = None)] value: Option<&'static str>,
    #[prop(default = None)] hint: Option<&'static str>,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] on_pick: Callback<()>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="radio">
            <input type="radio" name=name id=id.clone() data-testid=id.clone() value=value
                aria-describedby=hint.map(|_| hint_id.clone())
                prop:checked=checked on:change=move |_| on_pick.run(()) />
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
        </div>
    }
}

/// What a field's `aria-describedby` names: its hint (`<id>-hint`) if it has one, and its error
/// (`<id>-error`) while there is one; nothing when it has neither.
fn described_by(id: String, hint: bool, error: Signal<Option<String>>) -> impl Fn() -> Option<String> {
    move || {
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("{id}-hint"));
        }
        if error.with(Option::is_some) {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A form field's frame: its label, its hint (`<id>-hint`) if it has one and its error
/// (`<id>-error`) while there is one, then the control (`children`), which the page ties to them
/// with [`described_by`].
#[component]
fn FieldFrame(
    id: String,
    label: &'static str,
    hint: Option<&'static str>,
    error: Signal<Option<String>>,
    /// The label is the page's `<h1>` too, where the field is the whole page.
    #[prop(optional)]
    page_heading: bool,
    children: Children,
) -> impl IntoView {
    let label_view = if page_heading {
        view! { <h1><label for=id.clone()>{label}</label></h1> }.into_any()
    } else {
        view! { <label for=id.clone()>{label}</label> }.into_any()
    };
    view! {
        <div class="field">
            {label_view}
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            <FieldError id=format!("{id}-error") message=error />
            {children()}
        </div>
    }
}

/// A one-line text field with its label, hint and error (the error summary links to its `id`,
/// which is also its test id), showing `value` and reporting every keystroke to `on_input`.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    view! {
        <FieldFrame id=id.clone() label hint error>
            <input type="text" id=id.clone() data-testid=id.clone() list=list autocomplete=autocomplete aria-describedby=described_by(id, hint.is_some(), error)
                prop:value=move || value.get() on:input=move |ev| on_input.run(event_target_value(&ev)) />
        </FieldFrame>
    }
}

/// A text area with its label, hint and error, like [`TextField`]. What is typed is kept exactly.
#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    rows: u32,
    /// The label is the page's `<h1>` too (the guided complaint's "in your own words").
    #[prop(optional)]
    page_heading: bool,
) -> impl IntoView {
    view! {
        <FieldFrame id=id.clone() label hint error page_heading>
            <textarea id=id.clone() data-testid=id.clone() rows=rows aria-describedby=described_by(id, hint.is_some(), error)
                prop:value=move || value.get() on:input=move |ev| on_input.run(event_target_value(&ev))></textarea>
        </FieldFrame>
    }
}

/// A question whose answers are a closed set ([`Choice`]): a fieldset with the question as its
/// legend (the page's `<h1>` too, with `page_heading`, where the question is the whole page), an
/// optional hint, the error while there is one (`<name>-error`, which the error summary links to
/// as `<name>`, or as its first radio where focus should land on an answer), and one radio button
/// per answer (id and test id `<name>-<value>`, the answer's hint under its label). `selected` is
/// the answer given, if any; choosing one reports it to `on_change`.
#[component]
pub fn ChoiceRadios<T: Choice>(
    name: &'static str,
    legend: &'static str,
    #[prop(optional)] page_heading: bool,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(into)] selected: Signal<Option<T>>,
    #[prop(into)] on_change: Callback<T>,
) -> impl IntoView {
    let described = described_by(name.to_string(), hint.is_some(), error);
    view! {
        <fieldset class="fieldset" id=name aria-describedby=described>
            <legend>{if page_heading { view! { <h1>{legend}</h1> }.into_any() } else { legend.into_any() }}</legend>
            {hint.map(|h| view! { <p class="hint" id=format!("{name}-hint")>{h}</p> })}
            <FieldError id=format!("{name}-error") message=error />
            {T::all().iter().copied().map(|choice| view! {
                <Radio name id=format!("{name}-{}", choice.value()) label=choice.label() value=Some(choice.value())
                    hint=choice.hint()
                    checked=Signal::derive(move || selected.get() == Some(choice))
                    on_pick=move |()| on_change.run(choice) />
            }).collect_view()}
        </fieldset>
    }
}

/// A date field with its label, hint and error, like [`TextField`], around a [`DateInput`].
#[component]
pub fn DateField(
    #[prop(into)] id: String,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
) -> impl IntoView {
    view! {
        <FieldFrame id=id.clone() label hint error>
            <DateInput id=id.clone() value on_change described_by=Signal::derive(described_by(id, hint.is_some(), error)) />
        </FieldFrame>
    }
}

/// A date field (`<input type="date">`) showing `value` (an ISO date, or "" for none) and
/// reporting every change to `on_change`.
///
/// Day, month and year boxes for a date that may be left out (`<prefix>-day`, `-month`, `-year`),
/// for a resident who may not have a date picker they can use. `on_change` gets the date as soon
/// as the three make a real one, and `None` when all three are emptied; a date that is not real
/// is explained beside the boxes ([`date_from_parts`]), and `on_change` is not called for it, so
/// the caller keeps the last real one. The legend and hint are the caller's.
#[component]
pub fn DayMonthYear(
    prefix: &'static str,
    /// The date shown at first.
    initial: Option<chrono::NaiveDate>,
    #[prop(into)] on_change: Callback<Option<chrono::NaiveDate>>,
) -> impl IntoView {
    use chrono::Datelike;
    let part = |f: fn(chrono::NaiveDate) -> String| RwSignal::new(initial.map(f).unwrap_or_default());
    let day = part(|d| d.day().to_string());
    let month = part(|d| d.month().to_string());
    let year = part(|d| d.year().to_string());
    let fault = RwSignal::new(None::<&'static str>);
    let typed =
        move || match date_from_parts(&day.get_untracked(), &month.get_untracked(), &year.get_untracked()) {
            Ok(date) => {
                fault.set(None);
                on_change.run(date);
            }
            Err(e) => fault.set(Some(e.message())),
        };
    let error_id = move || format!("{prefix}-date-error");
    let input =
        move |which: &'static str, label: &'static str, size: &'static str, value: RwSignal<String>| {
            let id = format!("{prefix}-{which}");
            view! {
                <div class="field"><label for=id.clone()>{label}</label>
                    <input type="text" inputmode="numeric" id=id size=size prop:value=value
                        aria-describedby=move || fault.get().map(|_| error_id())
                        on:input=move |ev| { value.set(event_target_value(&ev)); typed(); } /></div>
            }
        };
    view! {
        {move || fault.get().map(|m| view! { <p class="field-error" id=error_id() data-testid="date-error">{m}</p> })}
        <div class="date-input">
            {input("day", "Day", "2", day)}
            {input("month", "Month", "2", month)}
            {input("year", "Year", "4", year)}
        </div>
    }
}

/// While someone is typing a date, the browser reports the field's value as "" until the date is
/// complete (typing the "0" of "02" into the day leaves it incomplete for a moment). Writing that
/// "" back into the field, as a plain `prop:value` binding does, wipes the parts already typed, so
/// the date is lost. So the field is written only when `value` differs from what it holds.
#[component]
pub fn DateInput(
    #[prop(into)] id: String,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    /// The test id, if it is not the `id`.
    #[prop(optional, into)]
    testid: Option<String>,
    #[prop(optional, into)] described_by: MaybeProp<String>,
) -> impl IntoView {
    let input: NodeRef<leptos::html::Input> = NodeRef::new();
    // Syncs the DOM with the model: the one thing a binding cannot do without this check.
    Effect::new(move |_| {
        let wanted = value.get();
        if let Some(field) = input.get() {
            if field.value() != wanted {
                field.set_value(&wanted);
            }
        }
    });
    let testid = testid.unwrap_or_else(|| id.clone());
    view! {
        <input type="date" node_ref=input id=id data-testid=testid aria-describedby=move || described_by.get()
            on:input=move |ev| on_change.run(event_target_value(&ev)) />
    }
}

/// How the landlord pays compensation, where the policy says (Progress Appendix 1: credited to
/// any rent or service charge arrears first), shown wherever a resident reads about their
/// complaint. Nothing when the policy does not say how offers are paid.
#[component]
pub fn CompensationPayment(policy: crate::policy::Policy) -> impl IntoView {
    let citation = |clause: &str| policy.citation(clause);
    policy.compensation.as_ref().filter(|c| !c.payment.is_empty()).map(|c| {
        view! {
            <section class="panel" data-testid="compensation-payment" aria-labelledby="compensation-payment-heading">
                <h2 id="compensation-payment-heading">"If you are offered compensation"</h2>
                <p>{format!("{} ({})", c.plain, citation(&c.clause))}</p>
                <ul>
                    {c.payment.iter().map(|rule| view! {
                        <li>{format!("{} ({})", rule.plain, citation(&rule.clause))}</li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
