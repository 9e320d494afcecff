// Sends a module step's answer without reloading the page. The player's form (page.rs) works
// without this script: the browser posts it, and the server sends the browser on to the next step's
// page, or back to this one with the error. Here the same post is made by fetch, with the header a
// browser's own form post carries (Accept: text/html), so the server answers exactly as it would
// without JavaScript; the page it sends replaces the main content, and no stylesheet or script is
// fetched again. Focus then goes where a keyboard or screen-reader user needs it: the error summary,
// or the new heading. Anything unexpected falls back to the browser's own post, so an answer is
// never lost; the step's submission key makes a repeated post count once.
const FORM = "form[data-casebook-player]";
const MAIN = "main#maincontent";

/** An address without its fragment: what the page on screen was loaded from. */
const pageOf = (url) => {
  const { pathname, search } = new URL(url, window.location.href);
  return pathname + search;
};
let shown = pageOf(window.location.href);

/** The page the server answers the form with: its address, and the document parsed. */
async function post(form) {
  const response = await fetch(form.action, {
    method: "POST",
    body: new URLSearchParams(new FormData(form)),
    headers: { Accept: "text/html" },
    credentials: "same-origin",
  });
  const html = await response.text();
  return { url: response.url, page: new DOMParser().parseFromString(html, "text/html") };
}

/** Puts the answered page's main content, title and address in place of the current ones. */
function show(url, page, main) {
  document.querySelector(MAIN).replaceWith(document.adoptNode(main));
  document.title = page.title;
  if (pageOf(url) !== shown) window.history.pushState(null, "", url);
  shown = pageOf(url);
  window.scrollTo(0, 0);
  const target = main.querySelector(".nhsuk-error-summary") ?? main.querySelector("h1");
  if (!target) return;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
}

async function send(form, button) {
  form.dataset.pending = "true";
  button?.setAttribute("aria-disabled", "true");
  let answered = null;
  try {
    answered = await post(form);
  } catch {
    // The network failed: the browser's own post shows the person what happened.
  }
  const main = answered?.page.querySelector(MAIN);
  if (!main) {
    form.submit(); // skips this listener: the browser posts the form itself
    return;
  }
  show(answered.url, answered.page, main);
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.matches(FORM)) return;
  event.preventDefault();
  // A second press while the answer is on its way changes nothing.
  if (form.dataset.pending) return;
  send(form, event.submitter);
});

// The address changes when the module ends (the results page); going back to an address whose page
// is not on screen loads it afresh.
window.addEventListener("popstate", () => {
  if (pageOf(window.location.href) !== shown) window.location.reload();
});

document.documentElement.dataset.playerEnhanced = "true";
