"""The clock stops while the citizen owes papers (توقف مهلت — در انتظار مدارک شهروند)."""
