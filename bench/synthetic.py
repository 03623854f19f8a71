"""Synthetic OpenAPI documents for the benchmark: N operations in 10 tags, each with a path
parameter, two query parameters, a `$ref`ed nested request body and three responses."""

from __future__ import annotations

import json
from pathlib import Path


def synthetic_spec(operations: int) -> dict:
    paths: dict = {}
    for index in range(operations):
        resource = f"resource{index // 4}"
        path = f"/v1/{resource}/{{id}}" if index % 4 else f"/v1/{resource}"
        method = ("get", "post", "put", "delete")[index % 4]
        operation = {
            "operationId": f"operation{index}",
            "summary": f"Operation {index} on {resource}",
            "description": f"Does thing {index}. Supports `filter` and **paging**.",
            "tags": [f"tag{index % 10}"],
            "parameters": [
                {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}},
                {"name": "cursor", "in": "query", "schema": {"type": "string"}},
            ],
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Order"}}
                    },
                },
                "400": {"$ref": "#/components/responses/BadRequest"},
                "404": {"$ref": "#/components/responses/NotFound"},
            },
        }
        if "{id}" in path:
            operation["parameters"].insert(
                0,
                {
                    "name": "id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string"},
                    "example": "x1",
                },
            )
        if method in ("post", "put"):
            operation["requestBody"] = {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/OrderInput"}}
                },
            }
        paths.setdefault(path, {})[method] = operation
    return {
        "openapi": "3.1.0",
        "info": {"title": f"Synthetic API ({operations} operations)", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "tags": [{"name": f"tag{i}", "description": f"Tag {i}."} for i in range(10)],
        "paths": paths,
        "components": {
            "schemas": {
                "Address": {
                    "type": "object",
                    "required": ["line1"],
                    "properties": {
                        "line1": {"type": "string", "maxLength": 100},
                        "city": {"type": "string"},
                        "country": {"type": "string", "enum": ["DE", "FR", "US"]},
                    },
                },
                "Customer": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "name": {"type": "string"},
                        "address": {"$ref": "#/components/schemas/Address"},
                    },
                },
                "Item": {
                    "type": "object",
                    "properties": {
                        "sku": {"type": "string"},
                        "quantity": {"type": "integer", "minimum": 1},
                    },
                },
                "Order": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "string"},
                        "customer": {"$ref": "#/components/schemas/Customer"},
                        "items": {
                            "type": "array",
                            "maxItems": 50,
                            "items": {"$ref": "#/components/schemas/Item"},
                        },
                        "status": {"type": "string", "enum": ["open", "paid", "shipped"]},
                    },
                },
                "OrderInput": {
                    "type": "object",
                    "properties": {
                        "customer": {"$ref": "#/components/schemas/Customer"},
                        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
                    },
                },
                "Error": {"type": "object", "properties": {"message": {"type": "string"}}},
            },
            "responses": {
                "BadRequest": {
                    "description": "Bad request",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                },
                "NotFound": {
                    "description": "Not found",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                },
            },
        },
    }


def write_synthetic(folder: Path, operations: int) -> Path:
    path = folder / f"synthetic-{operations}.json"
    path.write_text(json.dumps(synthetic_spec(operations)), encoding="utf-8")
    return path
