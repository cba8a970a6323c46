"""A Content Security Policy on every page, as a <meta> tag (guide/boundary/csp.py)."""

from guide.boundary import csp


def on_post_page(output, page, config):
    return csp.with_policy(output)


def on_post_template(output_content, template_name, config):
    return csp.with_policy(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config):
    # Runs after the plugins' own on_post_build (hooks come last), so the
    # files they wrote (the redirect pages) are there to be given a policy.
    csp.give_every_page_a_policy(config["site_dir"])
