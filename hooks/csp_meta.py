"""A Content Security Policy on every page, as a <meta> tag, from the fixed
list of guide/boundary/csp.py: the templates' scripts, our stylesheets."""

from guide.boundary import csp
from guide.theme.styles import inline_styles


def _rules(config) -> csp.Allowed:
    styles = [*inline_styles(config.theme.custom_dir).values(), *config.extra.get("guide_theme_styles", ())]
    return csp.allowed(config.theme.dirs, config.site_url, styles)


def on_env(env, config, files):
    # The theme's own <style> blocks, rendered from its template with the
    # site's settings (the admonition icons), so the policy can name them.
    config.extra["guide_theme_styles"] = csp.template_styles(env.get_template(csp.THEME_STYLES).render(config=config))
    return env


def on_post_page(output, page, config):
    return csp.with_policy(output, _rules(config))


def on_post_template(output_content, template_name, config):
    return csp.with_policy(output_content, _rules(config)) if template_name.endswith(".html") else output_content


def on_post_build(config):
    # Runs after the plugins' own on_post_build (hooks come last), so the
    # files they wrote (the redirect pages) are there to be given a policy.
    csp.give_every_page_a_policy(config["site_dir"], _rules(config))
