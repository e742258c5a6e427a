"""Relation families, one module each: the rules that read one kind of statement, mixed into :class:`~..rules.Rules`."""
