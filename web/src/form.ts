/** Labelled form fields whose error message sits next to the control and is tied to it
 * (aria-describedby, aria-invalid), so every control has a label and every error is read
 * out with its field. */
import { ApiFailure } from "./api";
import { h, uid } from "./dom";
import { detail, errorText } from "./errors";

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export class Form {
  private readonly errors = new Map<string, { control: Control; slot: HTMLElement }>();
  readonly el: HTMLFormElement;
  readonly summary: HTMLElement;

  constructor(onsubmit: (form: Form) => void | Promise<void>, label: string) {
    this.summary = h("p", { class: "form-error", role: "alert" });
    this.el = h("form", { novalidate: true, "aria-label": label });
    this.el.addEventListener("submit", (e) => {
      e.preventDefault();
      void onsubmit(this);
    });
  }

  /** A labelled field named `name` (the API's field name), with an optional hint. */
  field(name: string, label: string, control: Control, hint?: string): HTMLElement {
    const id = control.id || uid(name);
    control.id = id;
    control.name = name;
    const slot = h("p", { class: "field-error", id: `${id}-error` });
    const hintEl = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
    control.setAttribute("aria-describedby", [hintEl ? `${id}-hint` : "", `${id}-error`].filter(Boolean).join(" "));
    this.errors.set(name, { control, slot });
    // An error goes away as soon as the user changes what it was about.
    control.addEventListener("input", () => {
      slot.textContent = "";
      control.removeAttribute("aria-invalid");
    });
    return h("div", { class: "field", "data-field": name }, h("label", { for: id }, label), control, hintEl, slot);
  }

  clear(): void {
    this.summary.textContent = "";
    for (const { control, slot } of this.errors.values()) {
      slot.textContent = "";
      control.removeAttribute("aria-invalid");
    }
  }

  /** Puts a message next to a field; false when the form has no such field. */
  setError(name: string, message: string): boolean {
    const f = this.errors.get(name.split(".")[0]!);
    if (!f) return false;
    f.slot.textContent = message;
    f.control.setAttribute("aria-invalid", "true");
    return true;
  }

  /** Shows an API failure next to its field when it names one, else above the button. */
  fail(e: unknown, fieldText?: (e: ApiFailure) => string): void {
    if (e instanceof ApiFailure && e.field && this.setError(e.field, fieldText ? fieldText(e) : e.status === 422 ? detail(e) : errorText(e))) {
      this.errors.get(e.field.split(".")[0]!)?.control.focus();
      return;
    }
    this.summary.textContent = errorText(e);
  }

  /** Disables the submit button while a request runs. */
  busy(on: boolean): void {
    for (const b of this.el.querySelectorAll("button")) b.disabled = on;
    this.el.setAttribute("aria-busy", String(on));
  }
}
