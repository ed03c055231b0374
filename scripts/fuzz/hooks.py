"""Schemathesis hooks for scripts/fuzz.sh (loaded with SCHEMATHESIS_HOOKS=scripts/fuzz/hooks.py).

- after_call: appends every request/response to FUZZ_LOG (JSONL). lostEvents.ts reads it to find the
  /v1 messages the API accepted and to count requests, examples and 5xx answers.
- before_load_schema: the generated /v1 schemas cannot say what zod checks in code (timestamps must parse as
  dates, a message needs a userId or an anonymousId), so nearly every generated
  message was rejected and the lost-event check had little to check. The loaded copy states those rules;
  negative cases still break them, positive ones now get stored.
- before_call: keeps the run's own credentials alive. A state-changing request on /api/tokens/{..} or
  /api/users/{..} whose path names the fuzz token or the fuzz admin is pointed at an id that does not exist,
  so a generated DELETE cannot revoke the token the rest of the run authenticates with. DELETE /api/customers/{id}
  is always pointed at an unknown id: deleting a customer rightly erases their events, which would blind the
  lost-event check.
"""

import json
import os
import threading

import schemathesis

LOG_PATH = os.environ.get("FUZZ_LOG", "fuzz-requests.jsonl")
PROTECTED_IDS = {value for value in os.environ.get("FUZZ_PROTECTED_IDS", "").split(",") if value}
GUARDED_PREFIXES = ("/api/tokens/", "/api/users/")
ERASING_PREFIXES = ("/api/customers/",)
UNKNOWN_ID = "fuzz-protected-id"
# Bodies of /v1 requests are kept whole (the lost-event check needs them); others only in part.
KEEP_CHARS = 2000

_lock = threading.Lock()


MESSAGE_TYPES = ["identify", "track", "page", "screen", "group", "alias"]
SINGLE_PATHS = tuple(f"/v1/{kind}" for kind in MESSAGE_TYPES)
ID = {"anyOf": [{"type": "string", "minLength": 1, "maxLength": 500}, {"type": "number"}]}


def _body_schema(operation):
    content = (operation or {}).get("requestBody", {}).get("content", {}).get("application/json", {})
    schema = content.get("schema")
    return schema if isinstance(schema, dict) and isinstance(schema.get("properties"), dict) else None


def _with_dates(schema):
    for name in ("timestamp", "sentAt"):
        if isinstance(schema["properties"].get(name), dict):
            schema["properties"][name] = {**schema["properties"][name], "format": "date-time"}


def _with_identity(schema):
    schema["anyOf"] = [{"required": ["userId"], "properties": {"userId": ID}}, {"required": ["anonymousId"], "properties": {"anonymousId": ID}}]


@schemathesis.hook
def before_load_schema(context, raw_schema):
    paths = raw_schema.get("paths", {})
    bodies = {path: _body_schema(paths.get(path, {}).get("post")) for path in (*SINGLE_PATHS, "/v1/batch")}
    for path in SINGLE_PATHS:
        if bodies[path]:
            _with_dates(bodies[path])
            _with_identity(bodies[path])
    batch = bodies["/v1/batch"]
    if batch:
        _with_dates(batch)
        items = batch["properties"].get("batch", {})
        variants = (items.get("items") or {}).get("oneOf") if isinstance(items, dict) else None
        if isinstance(variants, list):
            # The documented items: one schema per message type. Each gets the rules zod checks in code.
            for variant in variants:
                if isinstance(variant, dict) and isinstance(variant.get("properties"), dict):
                    _with_dates(variant)
                    _with_identity(variant)
        elif isinstance(items, dict) and not items.get("items"):
            properties = {}
            for path in SINGLE_PATHS:
                properties.update((bodies[path] or {}).get("properties", {}))
            properties.pop("writeKey", None)
            properties["type"] = {"enum": MESSAGE_TYPES}
            properties["name"] = {"type": "string", "maxLength": 200}
            properties["traits"] = {"type": "object"}
            message = {"type": "object", "properties": properties, "required": ["type"]}
            _with_identity(message)
            items["items"] = message


def _text(raw):
    if raw is None:
        return None
    if isinstance(raw, bytes):
        return raw.decode("utf-8", errors="replace")
    return str(raw)


def _path_of(url):
    rest = url.split("://", 1)[-1]
    slash = rest.find("/")
    return rest[slash:] if slash >= 0 else "/"


@schemathesis.hook
def before_call(context, case, kwargs):
    method = case.method.upper()
    if method == "DELETE" and case.path.startswith(ERASING_PREFIXES) and case.path_parameters:
        for name in case.path_parameters:
            case.path_parameters[name] = UNKNOWN_ID
        return
    if method in ("GET", "HEAD", "OPTIONS") or not case.path.startswith(GUARDED_PREFIXES):
        return
    for name, value in list((case.path_parameters or {}).items()):
        if str(value) in PROTECTED_IDS:
            case.path_parameters[name] = UNKNOWN_ID


@schemathesis.hook
def after_call(context, case, response):
    _record(case, response.request, response.status_code, _text(response.content))


@schemathesis.hook
def after_network_error(context, case, request):
    """A timeout or a reset connection: logged with status 0 (no answer)."""
    _record(case, request, 0, None)


def _record(case, request, status, response_body):
    path = _path_of(request.url)
    request_body = _text(request.body)
    if not path.startswith("/v1/"):
        request_body = request_body[:KEEP_CHARS] if request_body else request_body
        response_body = response_body[:KEEP_CHARS] if response_body else response_body
    record = {
        "operation": case.operation.label,
        "caseId": case.id,
        "method": request.method,
        "path": path,
        "status": status,
        "requestBody": request_body,
        "responseBody": response_body,
    }
    line = json.dumps(record, ensure_ascii=False)
    with _lock, open(LOG_PATH, "a", encoding="utf-8") as log:
        log.write(line + "\n")
