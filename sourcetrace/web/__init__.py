"""The web wing served by ``sourcetrace serve``: the REST API and the newsroom web app over a store.

    app.py       the site (``create_app``) and the process that serves it (``serve``)
    api.py       the JSON routes under /api
    pages.py     the server-rendered pages (templates/, static/), no script at all
    state.py     the server's state, and adding an article / checking a claim (both the API and pages do)
    security.py  the guard middleware, the bearer token, CSRF and sign-in
    errors.py    one error shape for every route
"""
