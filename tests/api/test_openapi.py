"""The OpenAPI description is complete (every status an operation can return, with the problem
schema for errors) and the browsable docs are served locally under the site's CSP."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def description(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(description):
    for path, methods in description["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_operation_declares_every_status_it_can_return(description):
    for path, method, operation in operations(description):
        codes = set(operation["responses"])
        assert {"401", "429"} <= codes, (method, path)
        if method == "get":
            assert {"200", "304", "400"} <= codes, (method, path)
            assert any(p["name"] == "If-None-Match" for p in operation["parameters"]), path
        else:
            assert {"400", "403", "422"} <= codes, (method, path)
            assert operation["security"] == [{"TokenAuth": []}], path
        if "{" in path or (path.endswith("s") and method == "get"):
            assert "404" in codes, (method, path)


def test_errors_are_problem_details(description):
    for path, _method, operation in operations(description):
        for code, response in operation["responses"].items():
            if int(code) >= 400:
                assert list(response["content"]) == ["application/problem+json"], (path, code)
                schema = response["content"]["application/problem+json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ProblemDetail"}
    problem = description["components"]["schemas"]["ProblemDetail"]
    assert set(problem["required"]) == {"type", "title", "status", "detail", "instance"}
    field_problem = description["components"]["schemas"]["FieldProblem"]
    assert set(field_problem["properties"]) == {"field", "in", "message"}


def test_headers_of_conditional_requests_and_rate_limits_are_described(description):
    projects = description["paths"]["/api/v1/projects"]["get"]["responses"]

    assert "ETag" in projects["200"]["headers"]
    assert "content" not in projects["304"]
    assert "Retry-After" in projects["429"]["headers"]


def test_public_reads_take_a_token_optionally(description):
    goals = description["paths"]["/api/v1/goals"]["get"]

    assert goals["security"] == [{"TokenAuth": []}, {}]
    assert description["components"]["securitySchemes"] == {
        "TokenAuth": {"type": "http", "scheme": "bearer"}
    }


def test_the_docs_are_served_locally_under_the_content_security_policy(client):
    response = client.get("/api/v1/docs")
    page = response.content.decode()

    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources
    assert all(source.startswith("/static/") for source in sources), sources
    assert "<script>" not in page
    scripts = re.findall(r"<script([^>]*)>", page)
    assert all("src=" in attrs or 'type="application/json"' in attrs for attrs in scripts)
