"""Dependencies of the routes, as ``Annotated`` aliases over ``app.state`` (set by ``create_app``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from budgetkg.config import Settings
from budgetkg.search import Index

from .graph_access import SerializedGraph
from .query_runner import QueryRunner
from .source_texts import SourceTexts


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_graph(request: Request) -> SerializedGraph:
    return request.app.state.graph  # type: ignore[no-any-return]


def get_index(request: Request) -> Index:
    return request.app.state.index  # type: ignore[no-any-return]


def get_runner(request: Request) -> QueryRunner:
    return request.app.state.runner  # type: ignore[no-any-return]


def get_sources(request: Request) -> SourceTexts:
    return request.app.state.sources  # type: ignore[no-any-return]


SettingsDep = Annotated[Settings, Depends(get_settings)]
GraphDep = Annotated[SerializedGraph, Depends(get_graph)]
IndexDep = Annotated[Index, Depends(get_index)]
RunnerDep = Annotated[QueryRunner, Depends(get_runner)]
SourcesDep = Annotated[SourceTexts, Depends(get_sources)]
