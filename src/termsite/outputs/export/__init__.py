"""The 新旧対照表 of a revision as files legal circulates: Word (.docx) and PDF, from one table model."""
