//! result: the end of the guided complaint — what the policy says this is, where the policy is
//! out of step with the law, the letter, the resident's permission form, the dated plan, and
//! "Save this complaint to track it".

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::calendar::long_date;
use crate::context::CaseRules;
use crate::engine;
use crate::guided::Draft;
use crate::letters;
use crate::policy::CODE_ID;
use crate::settings::{unreadable_notices, Stored};
use crate::ui::browser;
use crate::ui::casebook::{self, Cases};
use crate::ui::components::{CompensationPayment, DownloadFailed, ErrorBox, Reader};
use crate::ui::db::db;
use crate::ui::route::Route;
use crate::ui::warnings::AssessmentWarnings;

/// The result: what the policy says this is, the letter, and the plan, counted with the part of
/// the UK chosen on "Your data" and the bank-holiday file loaded there, if any.
#[component]
pub fn ComplaintResult(draft: RwSignal<Draft>, record: RwSignal<Option<Stored<Draft>>>) -> impl IntoView {
    let settings = LocalResource::new(|| casebook::load(Cases::None, None));
    view! {
        <Suspense fallback=|| view! { <p role="status">"Working out your dates…"</p> }>
            {move || settings.get().map(|loaded| match loaded {
                Ok(book) => {
                    // A saved setting that could not be read (its default is used): said here.
                    let problem = (!book.unreadable.is_empty()).then(|| unreadable_notices(&book.unreadable).join(" "));
                    result_view(draft, record, Counting { rules: book.rules, problem })
                }
                Err(e) => result_view(draft, record, Counting {
                    rules: CaseRules::builtin(),
                    problem: Some(format!("Your settings on Your data could not be read: {}", e.user_message())),
                }),
            })}
        </Suspense>
    }
}

/// How the result counts working days.
struct Counting {
    /// The rules of this device (new complaints open in the part of the UK chosen on "Your data").
    rules: CaseRules,
    /// Why the saved settings could not be read, if so (the built-in dates are used instead).
    problem: Option<String>,
}

/// The result page itself.
fn result_view(
    draft: RwSignal<Draft>,
    record: RwSignal<Option<Stored<Draft>>>,
    counting: Counting,
) -> AnyView {
    let Counting { rules, problem } = counting;
    let d = draft.get_untracked();
    let policy = d.policy();
    let today = browser::today();
    let landlord = if policy.id == CODE_ID { d.landlord_label() } else { policy.landlord.clone() };
    // The case's id is chosen the first time the result is shown and kept in the draft, so the
    // calendar file has the same UIDs before and after the complaint is saved.
    let case_id = d.case_id_or_new(today, browser::random_u32());
    if d.case_id.is_empty() {
        draft.update(|x| x.case_id = case_id.clone());
    }
    let mut case = d.to_case(&case_id, &policy.version, &landlord, today);
    case.division = rules.division();
    let calendar = rules.calendar_for(&case);
    let counted_with =
        format!("{}{}", rules.counted_with(&case), problem.map(|p| format!(" {p}")).unwrap_or_default());
    let triage = engine::triage(policy, &d.answers(), calendar, today);
    let assessment = match rules.assess(&case, today) {
        Ok(a) => a,
        Err(e) => {
            return view! { <h1>"Your complaint"</h1><ErrorBox title="Redress could not work out the dates"><p>{e.to_string()}</p></ErrorBox> }.into_any()
        }
    };
    let heading = triage.heading();
    let testid = format!("triage-{}", triage.outcome.name());
    let detail = triage.explanation();
    let write_letter = triage.write_letter();
    let letter = letters::complaint_letter_after_triage(policy, &case, &assessment, &triage, &d.answers());
    let plan = letters::plan(policy, &assessment);
    let text = letter.to_text();
    let html = letter.to_html();
    let ics = letters::plan_ics(policy, &case, &assessment);
    let out_of_step = assessment.out_of_step();
    let authority = letters::authority_form(policy, &case, today);
    // Saving turns the draft into a case to track; the draft is then removed.
    let to_save = StoredValue::new(case.clone());
    let navigate = use_navigate();
    let keep = Action::new_local(move |_: &()| async move {
        let case = to_save.get_value();
        let id = case.id.clone();
        casebook::create(case).await?;
        let db = db().await.map_err(|e| e.user_message())?;
        if let Some(draft_record) = record.get_untracked() {
            db.remove(&draft_record).await.map_err(|e| e.user_message())?;
        }
        Ok::<String, String>(id)
    });
    Effect::new(move |_| {
        if let Some(Ok(id)) = keep.value().get() {
            navigate(&Route::ComplaintPage { id }.path(), Default::default());
        }
    });
    let copied = RwSignal::new(None::<Result<(), String>>);
    let copy_text = text.clone();
    // Why the last download of the letter, of the permission form or of the dates did not happen.
    let (letter_failed, form_failed, ics_failed) =
        (RwSignal::new(None::<String>), RwSignal::new(None::<String>), RwSignal::new(None::<String>));
    view! {
        <h1>{heading}</h1>
        <div class="panel" data-testid=testid>
            <p>{triage.plain.clone()}</p>
            <p class="muted">{triage.source(policy)}</p>
            {detail.map(|t| view! { <p>{t}</p> })}
            {triage.code_says.clone().map(|t| view! { <p>{t}</p> })}
            <p>{triage.ombudsman_right.clone()}</p>
        </div>
        <AssessmentWarnings warnings=assessment.warnings.clone() reader=Reader::Resident />
        {(!out_of_step.is_empty()).then(|| view! {
            <div class="warning-panel" data-testid="out-of-step">
                <h2>{format!("Where {}'s policy is out of step with the law", policy.landlord)}</h2>
                <ul>{out_of_step.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
            </div>
        })}
        {write_letter.then(|| view! {
            <h2>"Your letter"</h2>
            <div class="button-row no-print">
                <button type="button" class="button" on:click=|_| browser::print()>"Print the letter"</button>
                <button type="button" class="button" on:click=move |_| {
                    let t = copy_text.clone();
                    leptos::task::spawn_local(async move { copied.set(Some(browser::copy_text(&t).await)); });
                }>"Copy the letter"</button>
                <button type="button" class="button" data-testid="download-text"
                    on:click={ let t = text.clone(); move |_| letter_failed.set(browser::download("complaint-letter.txt", "text/plain", &t).err()) }>"Download as text"</button>
                <button type="button" class="button" data-testid="download-html"
                    on:click={ let h = html.clone(); move |_| letter_failed.set(browser::download("complaint-letter.html", "text/html", &h).err()) }>"Download as a web page"</button>
            </div>
            {move || copied.get().map(|r| match r {
                Ok(()) => view! { <p role="status">"Copied. You can paste the letter into an email."</p> }.into_any(),
                Err(m) => view! { <p role="status">{m}</p> }.into_any(),
            })}
            <DownloadFailed failed=letter_failed testid="letter-download-error" />
            <article class="letter" data-testid="letter" aria-label="Your complaint letter">
                <p>{letter.heading.iter().map(|l| view! { {l.clone()}<br /> }).collect_view()}</p>
                {letter.paragraphs.iter().map(|p| view! { <p class="letter-paragraph">{p.clone()}</p> }).collect_view()}
                <p>{letter.closing.iter().map(|l| view! { {l.clone()}<br /> }).collect_view()}</p>
            </article>
            {authority.map(|form| {
                let form_text = form.to_text();
                let form_html = form.to_html();
                view! {
                    <section class="panel" data-testid="authority-form" aria-labelledby="authority-heading">
                        <h2 id="authority-heading">"The resident's permission"</h2>
                        <p>"The landlord's policy asks for the resident's permission before it deals with you. Ask them to sign this form, and send it with the letter."</p>
                        <div class="letter-paragraph">{form_text.clone()}</div>
                        <div class="button-row no-print">
                            <button type="button" class="button secondary" data-testid="download-authority"
                                on:click=move |_| form_failed.set(browser::download("permission-form.txt", "text/plain", &form_text).err())>"Download the form as text"</button>
                            <button type="button" class="button secondary"
                                on:click=move |_| form_failed.set(browser::download("permission-form.html", "text/html", &form_html).err())>"Download the form as a web page"</button>
                        </div>
                        <DownloadFailed failed=form_failed testid="authority-download-error" />
                    </section>
                }
            })}
            <h2>"Your plan"</h2>
            <table class="table" data-testid="plan">
                <caption class="visually-hidden">"The dates that matter for your complaint"</caption>
                <thead><tr><th scope="col">"Date"</th><th scope="col">"What"</th><th scope="col">"The rule"</th></tr></thead>
                <tbody>
                    {plan.into_iter().map(|item| view! {
                        <tr data-testid=format!("plan-{}", item.id)>
                            <td>{long_date(item.date)}</td>
                            <td>{item.what}</td>
                            <td>{format!("{} ({})", item.rule, policy.citation(&item.clause))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p class="muted" data-testid="counted-with">{counted_with} " " <A href=Route::YourData>"Change where you live, or load newer bank holidays, on Your data"</A></p>
            <p class="no-print">
                <button type="button" class="button" data-testid="download-ics"
                    on:click=move |_| ics_failed.set(browser::download("complaint-dates.ics", "text/calendar", &ics).err())>"Add these dates to your calendar (.ics)"</button>
            </p>
            <DownloadFailed failed=ics_failed testid="ics-download-error" />
            <p>{assessment.ombudsman.plain.clone()}</p>
            <CompensationPayment policy=policy.clone() />
            <section class="panel no-print" aria-labelledby="track-heading">
                <h2 id="track-heading">"Track the landlord's replies"</h2>
                <p>"Once you have sent the letter, save the complaint here. Record each reply and Redress will keep the dates up to date and write the next letter."</p>
                <button type="button" class="button" data-testid="save-complaint" on:click=move |_| { keep.dispatch(()); }>"Save this complaint to track it"</button>
                {move || keep.value().get().and_then(Result::err).map(|m| view! { <ErrorBox title="The complaint was not saved" testid="save-complaint-error"><p>{m}</p></ErrorBox> })}
            </section>
        })}
    }.into_any()
}
