"""Timetable writes, one module per area: timetables, friends, reviews, grades, catalog import."""
