/** The landing page: what Storycut does, and the way in. Signed-in users go to their library. */
import type { View } from "../app";
import { append, h } from "../dom";
import { t } from "../i18n";

export const homeView: View = (app, root) => {
  if (app.user) {
    app.go("/library", true);
    return;
  }
  append(
    root,
    h(
      "section",
      { class: "hero" },
      h("h1", {}, t("home.headline")),
      h("p", { class: "lead" }, t("home.lead")),
      h(
        "p",
        { class: "actions" },
        h("a", { href: "/signup", "data-nav": "", class: "button primary" }, t("home.start")),
        h("a", { href: "/login", "data-nav": "", class: "button" }, t("auth.login")),
      ),
    ),
    h(
      "ul",
      { class: "features" },
      h("li", {}, t("home.feature_story")),
      h("li", {}, t("home.feature_voice")),
      h("li", {}, t("home.feature_kit")),
    ),
  );
};
