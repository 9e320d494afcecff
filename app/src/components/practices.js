// Shows a practice search's matches as the person types (practice_chooser.rs). The page works
// without this script: the search form is an ordinary GET form whose answer lists the same links.
// Each match is a link that chooses it, on the form's own page with its kept values.
const WAIT_MS = 250;
const SHORTEST = 2;

function choosingLink(form, match) {
  const query = new URLSearchParams();
  for (const input of form.querySelectorAll("input[type=hidden]")) query.append(input.name, input.value);
  query.append("practice", String(match.id));
  const link = document.createElement("a");
  link.href = `${form.getAttribute("action")}?${query}`;
  const postcode = match.postcode ? `, ${match.postcode}` : "";
  link.textContent = `${match.name} (${match.ods_code})${postcode}, ${match.region}`;
  return link;
}

function show(form, box, matches) {
  const status = document.createElement("p");
  status.setAttribute("role", "status");
  box.replaceChildren(status);
  if (matches.length === 0) {
    status.textContent = "No open practice matches. Try fewer letters, the ODS code or the postcode.";
    return;
  }
  status.textContent =
    matches.length === 1
      ? "1 practice found: choose it"
      : matches.length >= 20
        ? "The first 20 practices found: choose yours, or type more to narrow the search"
        : `${matches.length} practices found: choose yours`;
  const list = document.createElement("ul");
  list.className = "nhsuk-list nhsuk-list--border";
  for (const match of matches) {
    const item = document.createElement("li");
    item.append(choosingLink(form, match));
    list.append(item);
  }
  box.append(list);
}

function enhance(form) {
  const input = form.querySelector("input[name=practice_search]");
  const box = form.parentElement.querySelector("[data-practice-matches]");
  if (!input || !box) return;
  let timer = 0;
  let asked = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < SHORTEST) return;
    timer = setTimeout(async () => {
      const mine = ++asked;
      try {
        const response = await fetch("/api/account/find_practices", {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
          body: new URLSearchParams({ text }),
        });
        if (!response.ok || mine !== asked) return;
        show(form, box, await response.json());
      } catch {
        // Offline or refused: the Search button still works.
      }
    }, WAIT_MS);
  });
}

for (const form of document.querySelectorAll("form[data-practice-search]")) enhance(form);
