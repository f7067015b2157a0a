ALTER TABLE "catalog_entries" ADD COLUMN "names" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "titles" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_entries" ADD CONSTRAINT "catalog_entries_names_check" CHECK (jsonb_typeof(names) = 'object');--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_titles_check" CHECK (jsonb_typeof(titles) = 'object');