"""faqbot: answer plain-language questions from a YAML FAQ knowledge base."""

__version__ = "0.1.0"
