"""Classic cross-site scripting payloads, written into every text field a person can fill in by
``test_hostile_input.py``. Each one that ran would call ``alert`` (a dialog) or be an inline
script or handler (a Content-Security-Policy violation); shown as text, each is harmless.

The file-name payloads have no ``/`` or ``\\``: an uploaded file's name is cut to its last part
(``tests/documents/test_uploads.py``), which would leave little markup to test."""

SCRIPT = "<script>alert(1)</script>"
IMG_ONERROR = '"><img src=x onerror=alert(1)>'
SVG_ONLOAD = "<svg onload=alert(1)>"
JAVASCRIPT_URL = "javascript:alert(1)"
TEXTAREA_BREAKOUT = "</textarea><script>alert(1)</script>"
TITLE_BREAKOUT = "</title><script>alert(1)</script>"
TEMPLATE = "{{7*7}} {% debug %} ${7*7}"
SINGLE_QUOTE = "'-alert(1)-'"
DOUBLE_QUOTE = '" onmouseover="alert(1)" autofocus onfocus="alert(1)" x="'
SINGLE_ATTRIBUTE = "' onfocus='alert(1)' autofocus x='"
IFRAME = '<iframe src="javascript:alert(1)"></iframe>'
DETAILS = "<details open ontoggle=alert(1)>"
BODY_ONLOAD = "<body onload=alert(1)>"
STYLE_BREAKOUT = "</style><script>alert(1)</script>"
RTL_OVERRIDE = "\u202egnp.exe\u202c <b>bold?</b>"
ENTITY = "&lt;script&gt;alert(1)&lt;/script&gt; &#x3C;img src=x onerror=alert(1)&#x3E;"
URL_ENCODED = "%3Cscript%3Ealert(1)%3C%2Fscript%3E"

PAYLOADS = (
    SCRIPT,
    IMG_ONERROR,
    SVG_ONLOAD,
    JAVASCRIPT_URL,
    TEXTAREA_BREAKOUT,
    TITLE_BREAKOUT,
    TEMPLATE,
    SINGLE_QUOTE,
    DOUBLE_QUOTE,
    SINGLE_ATTRIBUTE,
    IFRAME,
    DETAILS,
    BODY_ONLOAD,
    STYLE_BREAKOUT,
    RTL_OVERRIDE,
    ENTITY,
    URL_ENCODED,
)

# Uploaded files' names: markup without slashes, and the extension the content decides anyway.
FILE_NAMES = (
    '"><img src=x onerror=alert(1)>.pdf',
    "<svg onload=alert(1)>.pdf",
)
