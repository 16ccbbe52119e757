"""The first restricted MIP of the fast transplant level takes the LP support when it is small."""

from __future__ import annotations

import numpy as np
import pytest

from medcorridor.transplant.optimizer import solver as solver_module
from medcorridor.transplant.optimizer.columns import ColumnModel, IndexedGraph, build_column_model
from medcorridor.transplant.optimizer.generator import generate_pool


@pytest.fixture
def model(monkeypatch) -> ColumnModel:
    """43 nodes, 838 columns: room for supports below and above the cap of 5 per node."""
    monkeypatch.setattr(solver_module, "FIRST_SUBSET", 10)  # the per-node floor decides here
    graph = IndexedGraph.from_pool(generate_pool(40, 3, seed=4, profile="saidman"))
    return build_column_model(graph, 3, 3)


def least(model: ColumnModel) -> int:
    return max(solver_module.FIRST_SUBSET, solver_module.FIRST_SUBSET_PER_NODE * model.node_count)


def primal_with_support(model: ColumnModel, count: int) -> np.ndarray:
    primal = np.zeros(model.column_count)
    primal[:count] = 0.5
    return primal


def every_column(model: ColumnModel) -> np.ndarray:
    return np.arange(model.column_count)


def test_a_support_within_the_cap_is_taken_whole(model) -> None:
    support = least(model) + 7
    assert support <= solver_module.SUPPORT_PER_NODE * model.node_count
    primal = primal_with_support(model, support)
    assert solver_module._first_subset_size(model, primal, every_column(model)) == support


def test_a_small_or_huge_support_keeps_the_least_size(model) -> None:
    small = primal_with_support(model, 3)
    huge = primal_with_support(model, solver_module.SUPPORT_PER_NODE * model.node_count + 1)
    assert solver_module._first_subset_size(model, small, every_column(model)) == least(model)
    assert solver_module._first_subset_size(model, huge, every_column(model)) == least(model)


def test_only_allowed_columns_count_as_support(model) -> None:
    primal = primal_with_support(model, least(model) + 7)
    allowed = np.arange(least(model))  # reduced-cost fixing removed the other support columns
    assert solver_module._first_subset_size(model, primal, allowed) == least(model)


def test_without_a_pdlp_point_the_least_size_is_used(model) -> None:
    size = solver_module._first_subset_size(model, np.zeros(0), every_column(model))
    assert size == least(model)
